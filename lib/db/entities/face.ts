import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * One face found in one of a user's photos: where it is, what it looks like to the recognizer (the
 * built-in model's descriptor, or Rekognition's face id in the user's collection), and whose it is.
 * Faces never leave their owner's partition: every search reads one user's faces only.
 */
export const Face = new Entity({
  model: { entity: 'face', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    imageId: { type: 'string', required: true, readOnly: true },
    /** `${imageId}.${n}`: the same face gets the same id when the photo is indexed again. */
    faceId: { type: 'string', required: true, readOnly: true },
    /**
     * The person it was grouped into; '' while it is grouped with nobody. Not left out: an index with a
     * condition (byPerson) needs every one of its composites on every write, and leaves the face out of
     * the index when the condition says so.
     */
    personId: { type: 'string', required: true, default: '' },
    /** The owner took it out of a person: grouping never puts it in one again on its own. */
    detached: { type: 'boolean' },
    /** In fractions of the photo's width and height. */
    box: {
      type: 'map',
      required: true,
      properties: {
        left: { type: 'number', required: true },
        top: { type: 'number', required: true },
        width: { type: 'number', required: true },
        height: { type: 'number', required: true },
      },
    },
    confidence: { type: 'number', required: true },
    /** The built-in model's descriptor, L2-normalised and quantised to int8, base64 (lib/faces/descriptors.ts). */
    descriptor: { type: 'string' },
    /** Rekognition's id for the face in the user's collection. */
    providerFaceId: { type: 'string' },
    /** A small square crop of the face, for the People page. */
    thumbnailKey: { type: 'string', required: true },
    createdAt: { type: 'number', required: true, readOnly: true, default: () => Date.now() },
  },
  indexes: {
    // The faces of one photo, and every face of a user.
    byImage: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['imageId', 'faceId'], casing: 'none' },
    },
    // The faces of one person. Sparse: a face grouped with nobody is not in it.
    byPerson: {
      index: 'gsi1',
      pk: { field: table.globalIndexes.gsi1.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.globalIndexes.gsi1.sortKey, composite: ['personId', 'imageId', 'faceId'], casing: 'none' },
      condition: (face: { personId?: string }) => Boolean(face.personId),
    },
  },
});

export type FaceItem = EntityItem<typeof Face>;
