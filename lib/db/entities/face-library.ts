import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * How many times a user's faces changed: a search keeps a user's descriptors in memory and reloads
 * them when this has moved. It also holds the user's grouping lease. One item per user.
 */
export const FaceLibrary = new Entity({
  model: { entity: 'faceLibrary', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    version: { type: 'number', required: true, default: 0 },
    /** The run that is grouping the user's new faces into people, and until when it may (lib/people/group-new-faces.ts). */
    groupingBy: { type: 'string' },
    groupingUntil: { type: 'number' },
  },
  indexes: {
    // The user's one library item.
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: [], casing: 'none' },
    },
  },
});

export type FaceLibraryItem = EntityItem<typeof FaceLibrary>;
