import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * What one user's photos hold of their storage quota (lib/quota): the bytes declared by every upload
 * that still has, or may yet have, its original in storage, and how many such photos. Changed only by
 * atomic ADDs under a condition, so parallel uploads cannot pass the quota together. It lives in the
 * user's partition, so an account deletion empties it with everything else.
 */
export const StorageUsage = new Entity({
  model: { entity: 'storageUsage', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    bytes: { type: 'number', required: true, default: 0 },
    photos: { type: 'number', required: true, default: 0 },
    updatedAt: { type: 'number', watch: '*', set: () => Date.now(), default: () => Date.now() },
  },
  indexes: {
    // The user's one usage item.
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: [], casing: 'none' },
    },
  },
});

export type StorageUsageItem = EntityItem<typeof StorageUsage>;
