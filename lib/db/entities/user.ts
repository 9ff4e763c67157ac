import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/** A local account. Only used when Clerk is not configured. */
export const User = new Entity({
  model: { entity: 'user', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    email: { type: 'string', required: true, readOnly: true },
    passwordHash: { type: 'string', required: true },
    createdAt: { type: 'number', required: true, readOnly: true, default: () => Date.now() },
  },
  indexes: {
    // Sign-in: find the account for an email address.
    byEmail: {
      pk: { field: table.partitionKey, composite: ['email'] },
      sk: { field: table.sortKey, composite: [] },
    },
  },
});

export type UserItem = EntityItem<typeof User>;
