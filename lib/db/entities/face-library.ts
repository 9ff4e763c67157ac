import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * How many times a user's faces changed, and which photos the last changes were to: the user's face
 * index (lib/people/face-library.ts) is a snapshot in S3 taken at some version, and these say what
 * changed since, or that it is too old to use. It also holds the user's grouping lease. One item per user.
 */
export const FaceLibrary = new Entity({
  model: { entity: 'faceLibrary', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    version: { type: 'number', required: true, default: 0 },
    /**
     * Names this life of the user's face library, and the index snapshots taken during it: an account
     * whose faces all went and came back starts a new one, so a snapshot of the old life is never used.
     */
    generation: { type: 'string' },
    /** `changedImages[i]` is the photo whose faces changed at version `changesSince + i + 1`. */
    changesSince: { type: 'number' },
    changedImages: { type: 'list', items: { type: 'string' } },
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
