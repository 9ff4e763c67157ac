import type { RateLimitRule } from '../rate-limit';

/*
 * Each sign-in or sign-up costs scrypt's 128 MiB and about 0.2 s of CPU, and each guess brings an
 * attacker closer to a password, so attempts are counted per address and per account.
 */

/** A person mistyping, or a household behind one router, stays far below; guessing is held to 80 an hour per address. */
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { scope: 'sign-in-address', limit: 20, windowSeconds: 15 * 60 };

/** Guesses at one account from many addresses: ten tries per quarter of an hour, whatever the source. */
export const SIGN_IN_PER_EMAIL: RateLimitRule = { scope: 'sign-in-email', limit: 10, windowSeconds: 15 * 60 };

/** Accounts made from one address: a family signing up together fits; a script making thousands does not. */
export const SIGN_UP_PER_ADDRESS: RateLimitRule = { scope: 'sign-up-address', limit: 5, windowSeconds: 60 * 60 };

export function tooManyAttempts(minutes: number): string {
  return `Too many attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
