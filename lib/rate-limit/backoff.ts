import { z } from 'zod';
import { findBackoff, replaceBackoff, type BackoffState } from '../db';
import { RateLimitedError } from './rate-limited-error';

/**
 * An exponential backoff: a subject's first `freeFailures` failures cost nothing; each one past them
 * makes the next attempt wait, `firstDelaySeconds` and then twice as long each time, up to
 * `maxDelaySeconds`. Failures are forgotten `forgetAfterSeconds` after the last wait ends.
 */
export interface BackoffRule {
  /** Names the counter. Its item sits with the fixed-window counters (scope and subject), so deleting a subject's counters under a scope takes it too. */
  scope: string;
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  forgetAfterSeconds: number;
}

const BackoffRuleSchema = z.object({
  scope: z.string().regex(/^[a-z][a-z0-9-]*$/),
  freeFailures: z.number().int().min(0),
  firstDelaySeconds: z.number().int().positive(),
  maxDelaySeconds: z.number().int().positive(),
  forgetAfterSeconds: z.number().int().positive(),
});

/** Seconds the next attempt waits once `failures` have been counted. */
export function backoffDelaySeconds(rule: BackoffRule, failures: number): number {
  if (failures <= rule.freeFailures) return 0;
  return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** (failures - rule.freeFailures - 1));
}

/** An attempt let through and counted as a failure, until refundBackoffAttempt takes it back. */
export interface BackoffClaim {
  rule: BackoffRule;
  subject: string;
  before: BackoffState;
  after: BackoffState;
}

/** Concurrent attempts each read the counter and only one of them moves it on; the others read again, this many times at most. */
const CLAIM_TRIES = 4;

const NONE: BackoffState = { failures: 0, blockedUntil: 0, expiresAt: 0 };

/**
 * Lets one attempt of `subject` through, or refuses it while the subject waits out its delay, with
 * the sentence `refusal` makes of the wait in whole seconds.
 *
 * The attempt is counted as a failure before it is tried, and its delay set, in one conditional
 * write on the counter's item: attempts made at the same moment from any number of instances cannot
 * all slip in under the delay the first of them would set. One that turns out right is taken back
 * by refundBackoffAttempt.
 */
export async function claimBackoffAttempt(rule: BackoffRule, subject: string, refusal: (seconds: number) => string, now = Date.now()): Promise<BackoffClaim> {
  BackoffRuleSchema.parse(rule);
  for (let tries = 0; tries < CLAIM_TRIES; tries++) {
    const stored = await findBackoff(rule.scope, subject);
    const before = stored && stored.expiresAt * 1000 > now ? stored : NONE;
    if (before.blockedUntil > now) {
      const seconds = Math.ceil((before.blockedUntil - now) / 1000);
      throw new RateLimitedError(refusal(seconds), seconds);
    }
    const failures = before.failures + 1;
    const blockedUntil = now + backoffDelaySeconds(rule, failures) * 1000;
    const after = { failures, blockedUntil, expiresAt: Math.ceil(blockedUntil / 1000) + rule.forgetAfterSeconds };
    if (await replaceBackoff(rule.scope, subject, stored?.failures ?? 0, after)) return { rule, subject, before, after };
  }
  throw new RateLimitedError(refusal(1), 1);
}

/**
 * Takes back a claimed attempt that was right: the counter returns to where it was, unless another
 * attempt has been counted since, whose count then keeps this one too (a right attempt costs a
 * failure only when it races a wrong one).
 */
export async function refundBackoffAttempt(claim: BackoffClaim): Promise<void> {
  await replaceBackoff(claim.rule.scope, claim.subject, claim.after.failures, claim.before.failures === 0 ? { ...NONE, expiresAt: claim.after.expiresAt } : claim.before);
}
