import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * One share link's visits on one day (UTC), every counter in one item: all its views (`views`), the
 * visits of machines that say so (`bots`, not views), and the views from one referrer host, device
 * class, browser family or country (`referrer#linkedin.com`, `device#mobile`, `browser#Chrome`,
 * `country#DE`). A view is one write that adds to each of its counters (lib/db/link-days.ts), so no
 * read comes before it and concurrent views never lose a count. It lives in its owner's partition, so
 * deleting the account deletes it with everything else there, and it names no visitor: no address,
 * no user agent.
 */
export const LinkDay = new Entity({
  model: { entity: 'linkDay', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    code: { type: 'string', required: true, readOnly: true },
    /** The UTC day, YYYY-MM-DD. */
    day: { type: 'string', required: true, readOnly: true },
    /** Counter name → count. A map whose names are not known in advance (a referrer's host), hence `any`: read back checked by `listLinkDays`. */
    counts: { type: 'any', required: true },
    /** The table's TTL, epoch seconds: 13 months after the day, or with its link once the link has ended. */
    expiresAt: { type: 'number' },
  },
  indexes: {
    // One link's days, in order, in its owner's partition.
    byLinkDay: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['code', 'day'], casing: 'none' },
    },
  },
});

export type LinkDayItem = EntityItem<typeof LinkDay>;
