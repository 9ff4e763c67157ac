import type { BackoffRule, RateLimitRule } from '../rate-limit';

/*
 * Each sign-in or sign-up costs scrypt's 128 MiB and about 0.2 s of CPU, and each guess brings an
 * attacker closer to a password, so sign-in failures are counted per address and per account. No count
 * may let one person lock another out: a device that has signed in to the account before (its signed
 * device cookie, lib/auth/known-device.ts) is held only to a count of its own, and a password change,
 * made from a session, only to the session's.
 */

/** A person mistyping, or a household behind one router, stays far below; guessing is held to 80 failures an hour per address. */
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { scope: 'sign-in-address', limit: 20, windowSeconds: 15 * 60 };

/**
 * Guesses at one account from new devices, from any number of addresses: five mistakes are free, then
 * each wait doubles from 2 s up to 15 minutes, so a sustained guesser gets about 100 tries a day,
 * and its owner on a new device waits at most a quarter of an hour. Its scope is the one the
 * fixed-window count per account had, so an account deletion's sweep takes it with it.
 */
export const SIGN_IN_PER_EMAIL: BackoffRule = { scope: 'sign-in-email', freeFailures: 5, firstDelaySeconds: 2, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 24 * 60 * 60 };

/** A known device's own failures: its owner mistyping fits; a stolen device cookie guesses no faster than the count per account once allowed. */
export const SIGN_IN_PER_DEVICE: RateLimitRule = { scope: 'sign-in-device', limit: 10, windowSeconds: 15 * 60 };

/** Password changes tried from one session: only whoever holds that session can use it up. */
export const PASSWORD_CHANGE_PER_SESSION: RateLimitRule = { scope: 'password-change-session', limit: 10, windowSeconds: 15 * 60 };

/** Accounts made from one address: a family signing up together fits; a script making thousands does not. */
export const SIGN_UP_PER_ADDRESS: RateLimitRule = { scope: 'sign-up-address', limit: 5, windowSeconds: 60 * 60 };

export function tooManyAttempts(minutes: number): string {
  return `Too many attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** The same sentence for a wait counted in seconds: in seconds under a minute, else in whole minutes. */
export function tooManyAttemptsForSeconds(seconds: number): string {
  return seconds < 60 ? `Too many attempts; try again in ${seconds} second${seconds === 1 ? '' : 's'}.` : tooManyAttempts(Math.ceil(seconds / 60));
}
