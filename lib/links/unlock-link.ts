import { verifyPassword } from '../auth/password';
import { findLinkByCode } from '../db';
import { enforceRateLimit, hashedSubject, RateLimitedError, refundRateLimit } from '../rate-limit';
import { signLinkAccess } from './link-access';
import { LINK_PASSWORD_PER_ADDRESS, LINK_PASSWORD_PER_LINK, tooManyTries } from './limits';
import { LINK_PASSWORD_MAX_LENGTH, unlockLinkInput, type LinkCounter } from './schemas';
import { counterOf, isPastRetention, linkState } from './to-link';

export type UnlockResult =
  | { state: 'unlocked'; token: string; counter: LinkCounter }
  | { state: 'wrong' }
  | { state: 'limited'; message: string; retryAfterSeconds: number }
  | { state: 'expired' }
  | { state: 'not-found' };

/**
 * Checks a password given for a protected link, from the client `address`. Only wrong guesses count,
 * per address and per link (lib/links/limits.ts): each attempt is counted first and a right one takes
 * its count back. A right password gets a token for the link's access cookie (link-access.ts). A link
 * with no password, unknown, revoked or ended answers as the page would.
 */
export async function unlockLink(input: unknown, context: { address: string; now?: number }): Promise<UnlockResult> {
  const parsed = unlockLinkInput.safeParse(input);
  if (!parsed.success) return { state: 'not-found' };
  const { code, password } = parsed.data;
  const now = context.now ?? Date.now();
  const item = await findLinkByCode(code);
  if (!item || isPastRetention(item, now)) return { state: 'not-found' };
  const state = linkState(item, now);
  if (state !== 'active') return { state: state === 'expired' ? 'expired' : 'not-found' };
  if (item.passwordHash === undefined) return { state: 'not-found' };
  if (password === '' || password.length > LINK_PASSWORD_MAX_LENGTH) return { state: 'wrong' };

  const byAddress = hashedSubject('address', context.address);
  try {
    await enforceRateLimit(LINK_PASSWORD_PER_ADDRESS, byAddress, tooManyTries, now);
    await enforceRateLimit(LINK_PASSWORD_PER_LINK, code, tooManyTries, now);
  } catch (error) {
    if (error instanceof RateLimitedError) return { state: 'limited', message: error.message, retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
  if (!(await verifyPassword(password, item.passwordHash))) return { state: 'wrong' };
  await Promise.all([refundRateLimit(LINK_PASSWORD_PER_ADDRESS, byAddress, now), refundRateLimit(LINK_PASSWORD_PER_LINK, code, now)]);
  return { state: 'unlocked', token: await signLinkAccess(code, item.passwordHash, now), counter: counterOf(item) };
}
