import { addRateLimitHits } from '../db';
import type { RateLimitRule } from './rules';
import { currentWindow, WINDOW_GRACE_SECONDS } from './window';

/**
 * Takes back one hit counted at `at` under a fixed-window rule, for a rule that counts only what
 * failed: the hit goes back to the window it was counted in, whatever the time now.
 */
export async function refundRateLimit(rule: RateLimitRule, subject: string, at: number): Promise<void> {
  const window = currentWindow(rule, at);
  await addRateLimitHits({ scope: rule.scope, subject, windowStart: window.start, expiresAt: window.end + WINDOW_GRACE_SECONDS }, -1);
}
