import type { RateLimitRule } from './rules';

/** Keeps a closed window's item a little past its end, so a late hit never recreates a fresh counter. */
export const WINDOW_GRACE_SECONDS = 60;

/**
 * Windows are aligned to the epoch, so every instance computes the same window (and so the same
 * counter item) for the same moment without agreeing on anything.
 */
export function currentWindow(rule: RateLimitRule, now: number): { start: number; end: number } {
  const seconds = Math.floor(now / 1000);
  const start = seconds - (seconds % rule.windowSeconds);
  return { start, end: start + rule.windowSeconds };
}

/** Whole seconds until the window that contains `now` closes, at least 1 (what Retry-After says). */
export function secondsUntilWindowEnds(rule: RateLimitRule, now: number): number {
  return Math.max(1, Math.ceil(currentWindow(rule, now).end - now / 1000));
}
