import { UserError } from '../user-error';

/**
 * How long a request waits for Clerk's backend API. Sessions verify without it (CLERK_JWT_KEY), so a
 * slow or unreachable Clerk costs a page this much at most, never the page itself.
 */
export const CLERK_API_WAIT_MS = 3_000;

export class ClerkUnavailableError extends UserError {
  override name = 'ClerkUnavailableError';
  constructor() {
    super('Clerk, which keeps your sign-in details, could not be reached just now, so your email address cannot be shown here. Reload the page in a moment to try again.');
  }
}
