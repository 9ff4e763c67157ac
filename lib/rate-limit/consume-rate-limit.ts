import { z } from 'zod';
import { addRateLimitHits } from '../db';
import { rememberRefusal } from './recent-refusals';
import { RateLimitRuleSchema, type RateLimitRule } from './rules';
import { currentWindow, secondsUntilWindowEnds, WINDOW_GRACE_SECONDS } from './window';

const subjectInput = z.string().min(1).max(200);
const hitsInput = z.number().int().positive();

export type RateLimitVerdict = { allowed: true; hits: number } | { allowed: false; hits: number; retryAfterSeconds: number };

/**
 * Counts `hits` hits (one request, or several merged) of `subject` under `rule` and says whether
 * the window's total is still within the limit.
 *
 * Where the counter lives, and why that is correct on Lambda: the count is one DynamoDB item per
 * subject and fixed window (scope#subject / windowStart), incremented with an atomic ADD that
 * returns the new total. Lambda runs many instances at once, each with its own memory, so a
 * counter in memory would let each instance allow the full limit (N instances, N× the limit) and
 * would reset whenever an instance is recycled. The item is shared by all of them: every hit, from
 * any instance, is added to the same number, and DynamoDB serialises the ADDs, so exactly `limit`
 * hits see a total within the limit. Windows are aligned to the epoch, so instances agree on the
 * item without coordinating, and the item's TTL (expiresAt) removes it once its window is over.
 */
export async function consumeRateLimit(rule: RateLimitRule, subject: string, now = Date.now(), hits = 1): Promise<RateLimitVerdict> {
  RateLimitRuleSchema.parse(rule);
  subjectInput.parse(subject);
  hitsInput.parse(hits);
  const window = currentWindow(rule, now);
  const total = await addRateLimitHits(
    { scope: rule.scope, subject, windowStart: window.start, expiresAt: window.end + WINDOW_GRACE_SECONDS },
    hits,
  );
  if (total <= rule.limit) return { allowed: true, hits: total };
  rememberRefusal(rule, subject, window.end * 1000);
  return { allowed: false, hits: total, retryAfterSeconds: secondsUntilWindowEnds(rule, now) };
}
