import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * A signed-in session of a local account. The cookie's token names it, and it must still exist for the
 * token to count: signing out, or changing the password, deletes it, and the token is dead at once.
 */
export const Session = new Entity({
  model: { entity: 'session', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'number', required: true, readOnly: true },
    /** The table's TTL attribute, in epoch seconds: when the cookie's token expires too. */
    expiresAt: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    // One session, and every session of a user.
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['sessionId'], casing: 'none' },
    },
  },
});

export type SessionItem = EntityItem<typeof Session>;
