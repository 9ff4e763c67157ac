export { createApiToken } from './create-api-token';
export { listApiTokens } from './list-api-tokens';
export { revokeApiToken } from './revoke-api-token';
export { authenticateApiToken, ApiTokenRefused, type ApiTokenIdentity } from './authenticate-api-token';
export { MAX_API_TOKENS, API_TOKEN_LIFETIMES_DAYS } from './limits';
export * from './schemas';
