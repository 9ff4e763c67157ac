import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * The fact that an account is being deleted, or was: written before the deletion starts, so that
 * nothing new is written for the account while it runs, and kept a day after it ends (the table's
 * TTL), while a session token signed before it may still be presented. It lives apart from the
 * user's own partition, which the deletion empties, and holds nothing of theirs but the id.
 */
export const AccountClosure = new Entity({
  model: { entity: 'accountClosure', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    requestedAt: { type: 'number', required: true, readOnly: true },
    /** Epoch seconds; set when the deletion is over. */
    expiresAt: { type: 'number' },
  },
  indexes: {
    // The user's one mark, outside their partition.
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none', template: 'closed#${userId}' },
      sk: { field: table.sortKey, composite: [], casing: 'none', template: 'closed' },
    },
  },
});

export type AccountClosureItem = EntityItem<typeof AccountClosure>;
