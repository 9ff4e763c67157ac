import { isAccountClosed } from '../account/is-account-closed';
import { insertApiToken, releaseApiTokenSlot, reserveApiTokenSlot } from '../db';
import { UserError } from '../user-error';
import { EXPIRED_TOKEN_RETENTION_MS, MAX_API_TOKENS } from './limits';
import { createApiTokenInput, type ApiToken, type CreateApiTokenInput } from './schemas';
import { toApiToken } from './to-api-token';
import { mintToken } from './token-secret';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Makes a personal API token for the user. The answer holds the token itself, which is never
 * stored and cannot be shown again; the record keeps its hash.
 */
export async function createApiToken(userId: string, input: CreateApiTokenInput, now = Date.now()): Promise<{ token: string; apiToken: ApiToken }> {
  const { name, scopes, expiresInDays } = createApiTokenInput.parse(input);
  if (await isAccountClosed(userId)) throw new UserError('This account has been deleted.');
  if (!(await reserveApiTokenSlot(userId, MAX_API_TOKENS))) {
    throw new UserError(`You have ${MAX_API_TOKENS} API tokens, the most an account can hold. Revoke one you no longer use first.`);
  }
  const minted = mintToken(userId);
  const validUntil = expiresInDays === null ? undefined : now + expiresInDays * DAY_MS;
  const item = {
    userId,
    tokenId: minted.tokenId,
    name,
    scopes,
    secretHash: minted.secretHash,
    createdAt: now,
    validUntil,
    expiresAt: validUntil === undefined ? undefined : Math.ceil((validUntil + EXPIRED_TOKEN_RETENTION_MS) / 1000),
  };
  try {
    await insertApiToken(item);
  } catch (error) {
    await releaseApiTokenSlot(userId);
    throw error;
  }
  return { token: minted.token, apiToken: toApiToken(item, now) };
}
