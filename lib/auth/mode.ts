import { authSettings, AuthConfigurationError } from '../config';

export { AuthConfigurationError };

export type AuthMode = 'clerk' | 'local';

/** How people sign in to this deployment (see authSettings): Clerk, or local accounts. Throws for a deployment that would let nobody in. */
export function authMode(env?: Record<string, string | undefined>): AuthMode {
  return authSettings(env).mode;
}
