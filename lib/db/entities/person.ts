import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/** Someone who appears in a user's photos: a group of faces, which the user may name, merge or hide. */
export const Person = new Entity({
  model: { entity: 'person', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    personId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string' },
    hidden: { type: 'boolean', required: true, default: false },
    /** Faces in the group, kept with each change; a person appears once per photo, so it is also their photo count. */
    faceCount: { type: 'number', required: true, default: 0 },
    /** The face shown for the person: the first one, until it goes. */
    coverFaceId: { type: 'string' },
    coverImageId: { type: 'string' },
    createdAt: { type: 'number', required: true, readOnly: true, default: () => Date.now() },
    updatedAt: { type: 'number', watch: '*', set: () => Date.now(), default: () => Date.now() },
  },
  indexes: {
    // One person, and all of a user's people.
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['personId'], casing: 'none' },
    },
  },
});

export type PersonItem = EntityItem<typeof Person>;

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
