import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';
import { VARIANT_FORMATS } from '../../images/variant';

export const IMAGE_STATUSES = ['uploading', 'processing', 'ready', 'failed'] as const;
export const FACE_INDEX_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const Image = new Entity({
  model: { entity: 'image', version: '2', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    imageId: { type: 'string', required: true, readOnly: true },
    fileName: { type: 'string', required: true },
    declaredType: { type: 'string', required: true },
    declaredBytes: { type: 'number', required: true },
    /**
     * The bytes this photo holds of its owner's storage quota (lib/quota), from its upload URL until its
     * original is gone for good; then 0, so that it is given back exactly once. Absent on a photo added
     * before quotas existed, until the migration counts it (lib/migrations/migrate-data.ts).
     */
    quotaBytes: { type: 'number' },
    originalKey: { type: 'string', required: true, readOnly: true },
    status: { type: IMAGE_STATUSES, required: true },
    /** A sentence for the owner, set when status is failed. */
    failureReason: { type: 'string' },
    failureCode: { type: 'string' },
    /** Set when deletion starts: no run may complete the image after that (lib/db/images.ts markImageDeleting). */
    deletingAt: { type: 'number' },
    format: { type: 'string' },
    width: { type: 'number' },
    height: { type: 'number' },
    bytes: { type: 'number' },
    hasAlpha: { type: 'boolean' },
    animated: { type: 'boolean' },
    /** A colour shown while the thumbnail loads. */
    placeholder: { type: 'string' },
    /** A ~16-px blurred WebP as a data URL, shown while the thumbnail loads. */
    blurDataUrl: { type: 'string' },
    camera: {
      type: 'map',
      properties: {
        make: { type: 'string' },
        model: { type: 'string' },
        capturedAt: { type: 'string' },
      },
    },
    /**
     * Every stored file once ready; while processing, the thumbnail's files once they are written (so the grid shows it early).
     * Declared here for ElectroDB, and held to lib/images/variant.ts's ImageVariantSchema by image.test.ts. ElectroDB checks
     * `format`'s values on writes only, so items stored while it was declared a plain string read as before.
     */
    variants: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          name: { type: 'string', required: true },
          key: { type: 'string', required: true },
          format: { type: VARIANT_FORMATS, required: true },
          width: { type: 'number', required: true },
          height: { type: 'number', required: true },
          bytes: { type: 'number', required: true },
          watermarked: { type: 'boolean' },
        },
      },
    },
    /** Where finding the faces in a ready image stands (lib/people/index-faces-job.ts); absent before it is asked for. */
    faceIndex: {
      type: 'map',
      properties: {
        status: { type: FACE_INDEX_STATUSES, required: true },
        /** How many faces were found, once done. */
        faces: { type: 'number' },
        failureReason: { type: 'string' },
        failureCode: { type: 'string' },
      },
    },
    createdAt: { type: 'number', required: true, readOnly: true, default: () => Date.now() },
    updatedAt: { type: 'number', watch: '*', set: () => Date.now(), default: () => Date.now() },
  },
  indexes: {
    // One image, addressed through its owner so that nobody else can reach it.
    byId: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['imageId'], casing: 'none' },
    },
    // The owner's dashboard, newest first.
    byOwner: {
      index: 'gsi1',
      pk: { field: table.globalIndexes.gsi1.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.globalIndexes.gsi1.sortKey, composite: ['createdAt'], casing: 'none' },
    },
  },
});

export type ImageItem = EntityItem<typeof Image>;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];
export type ImageVariant = NonNullable<ImageItem['variants']>[number];
export type FaceIndexState = NonNullable<ImageItem['faceIndex']>;
