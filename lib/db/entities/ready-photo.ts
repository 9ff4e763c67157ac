import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';
import { jobSubjectAttributes } from './job-subject';

export const READY_PHOTO_STATUSES = ['queued', 'running', 'ready', 'failed'] as const;

/**
 * The LinkedIn-ready version of one image (reframed, relit, its background as asked), with the check's
 * score before and after. One per image: asking again replaces it.
 */
export const ReadyPhoto = new Entity({
  model: { entity: 'readyPhoto', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    imageId: { type: 'string', required: true, readOnly: true },
    status: { type: READY_PHOTO_STATUSES, required: true },
    /** What the owner asked for: the background; validated with lib/linkedin-ready's schema when read. */
    options: { type: 'any', required: true },
    /** The result: its key in the media bucket (a new one for every request), size and bytes. */
    result: { type: 'any' },
    /** The same check on the photo and on the result: the scores, the result's checklist, and what the owner should know. */
    outcome: { type: 'any' },
    /** The library photo made from the result with "Use as my photo", once there is one. */
    savedImageId: { type: 'string' },
    ...jobSubjectAttributes,
  },
  indexes: {
    // The ready photo of one of the owner's images.
    byImage: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['imageId'], casing: 'none' },
    },
  },
});

export type ReadyPhotoItem = EntityItem<typeof ReadyPhoto>;
export type ReadyPhotoStatus = (typeof READY_PHOTO_STATUSES)[number];
