import { consumeRateLimit } from './consume-rate-limit';
import { RateLimitedError } from './rate-limited-error';
import type { RateLimitRule } from './rules';

/**
 * Counts one hit of `subject` under `rule`, and refuses with a sentence that says how long to wait
 * when the window is full. The sentence gets the wait in whole minutes (at least 1).
 */
export async function enforceRateLimit(rule: RateLimitRule, subject: string, refusal: (minutes: number) => string, now = Date.now()): Promise<void> {
  const verdict = await consumeRateLimit(rule, subject, now);
  if (verdict.allowed) return;
  throw new RateLimitedError(refusal(Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60))), verdict.retryAfterSeconds);
}

/** "Try again in 1 minute", "… in 12 minutes". */
export function inMinutes(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
