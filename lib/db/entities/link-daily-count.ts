import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * One counter of a share link's visits on one day (UTC): all its views (`views`), the visits of
 * machines that say so (`bots`, not views), or the views from one referrer host, device class,
 * browser family or country (`referrer#linkedin.com`, `device#mobile`, `browser#Chrome`,
 * `country#DE`). Each is raised by an atomic ADD, so no read comes before a write and concurrent
 * views never lose a count. It lives in its owner's partition, so deleting the account deletes it
 * with everything else there, and it names no visitor: no address, no user agent.
 */
export const LinkDailyCount = new Entity({
  model: { entity: 'linkDailyCount', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    code: { type: 'string', required: true, readOnly: true },
    /** The UTC day, YYYY-MM-DD. */
    day: { type: 'string', required: true, readOnly: true },
    metric: { type: 'string', required: true, readOnly: true },
    count: { type: 'number' },
    /** The table's TTL, epoch seconds: 13 months after the day, or with its link once the link has ended. */
    expiresAt: { type: 'number' },
  },
  indexes: {
    // One link's counters, day by day, in its owner's partition.
    byLinkDay: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['code', 'day', 'metric'], casing: 'none' },
    },
  },
});

export type LinkDailyCountItem = EntityItem<typeof LinkDailyCount>;
