import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * One fixed window of a rate limit: how many hits one subject (a user, a hashed IP address) made
 * under one rule since windowStart. Hits are added atomically, and the item expires with its window.
 * A backoff counter (lib/rate-limit/backoff.ts) is a window that never closes, at windowStart 0: its
 * hits are the failures counted, and blockedUntil says when the next attempt may come.
 */
export const RateLimitWindow = new Entity({
  model: { entity: 'rateLimitWindow', version: '2', service: 'headshot' },
  attributes: {
    scope: { type: 'string', required: true, readOnly: true },
    subject: { type: 'string', required: true, readOnly: true },
    /** Epoch seconds at which the window opened. */
    windowStart: { type: 'number', required: true, readOnly: true },
    hits: { type: 'number' },
    /** Backoff counters only: epoch ms before which the subject's next attempt is refused. */
    blockedUntil: { type: 'number' },
    /** The table's TTL attribute, in epoch seconds: the window is never read after it closes. */
    expiresAt: { type: 'number' },
  },
  indexes: {
    // The counter of one subject in one window.
    byWindow: {
      pk: { field: table.partitionKey, composite: ['scope', 'subject'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['windowStart'], casing: 'none' },
    },
  },
});

export type RateLimitWindowItem = EntityItem<typeof RateLimitWindow>;
