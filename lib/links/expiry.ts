import { LINK_NAME_HOLD_DAYS, type LinkExpiry } from '../db';

const HOUR_MS = 60 * 60 * 1000;

/** How long each expiry option keeps a link valid; null never expires. */
export const EXPIRY_DURATION_MS: Record<LinkExpiry, number | null> = {
  '1h': HOUR_MS,
  '1d': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  never: null,
};

/**
 * How long a link outlives its end. An expired link answers 410 for this long, a revoked one 404 at
 * once; both stay on the owner's "My links", marked as ended, until the item is deleted (by
 * DynamoDB's TTL) and the code answers 404 like any unknown one. A month covers people who open an
 * old message late, and owners who wonder where a link went. It is also the cooling-off of a custom
 * name (docs/sharing.md): the ended item blocks its name for exactly as long as a deleted link's hold.
 */
export const GONE_RETENTION_DAYS = LINK_NAME_HOLD_DAYS;
export const GONE_RETENTION_MS = GONE_RETENTION_DAYS * 24 * HOUR_MS;

/** The item's TTL (epoch seconds) for a link that ended at `endedAt`. */
function retainedUntil(endedAt: number): number {
  return Math.ceil((endedAt + GONE_RETENTION_MS) / 1000);
}

/** The link's validity and the item's TTL, for a link created at `now`. */
export function expiryTimes(expiry: LinkExpiry, now: number): { validUntil?: number; expiresAt?: number } {
  const duration = EXPIRY_DURATION_MS[expiry];
  if (duration === null) return {};
  const validUntil = now + duration;
  return { validUntil, expiresAt: retainedUntil(validUntil) };
}

/** When a link revoked at `now` was revoked, and the item's TTL from then. */
export function revocationTimes(now: number): { revokedAt: number; expiresAt: number } {
  return { revokedAt: now, expiresAt: retainedUntil(now) };
}
