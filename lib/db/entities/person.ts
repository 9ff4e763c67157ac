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
