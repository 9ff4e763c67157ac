import type { LinkExpiry } from '../db';

const HOUR_MS = 60 * 60 * 1000;

/** How long each expiry option keeps a link valid; null never expires. */
export const EXPIRY_DURATION_MS: Record<LinkExpiry, number | null> = {
  '1h': HOUR_MS,
  '1d': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  never: null,
};

/**
 * An expired link answers 410 for this long, then its item is deleted (by DynamoDB's TTL) and the
 * code answers 404 like any unknown one. A month covers people who open an old message late.
 */
export const GONE_RETENTION_MS = 30 * 24 * HOUR_MS;

/** The link's validity and the item's TTL (epoch seconds), for a link created at `now`. */
export function expiryTimes(expiry: LinkExpiry, now: number): { validUntil?: number; expiresAt?: number } {
  const duration = EXPIRY_DURATION_MS[expiry];
  if (duration === null) return {};
  const validUntil = now + duration;
  return { validUntil, expiresAt: Math.ceil((validUntil + GONE_RETENTION_MS) / 1000) };
}
