import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';
import { jobSubjectAttributes } from './job-subject';
import { watermarkAttribute } from './settings';

export const WATERMARK_RERENDER_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

/**
 * A user's watermark being applied to the photos they already have (lib/images/rerender-watermarks.ts):
 * one per user, replaced by each new request. A pass goes through the photos uploaded before the
 * settings it applies were saved, newest first; a change of settings meanwhile starts a new pass.
 */
export const WatermarkRerender = new Entity({
  model: { entity: 'watermarkRerender', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    status: { type: WATERMARK_RERENDER_STATUSES, required: true },
    /** The settings the current pass applies, as they were when it started; validated with lib/images' schema when read. */
    watermark: watermarkAttribute,
    /** When those settings were saved: the pass covers the photos uploaded before then (later ones were processed with them). */
    settingsSavedAt: { type: 'number', required: true },
    photosDone: { type: 'number', required: true, default: 0 },
    photosTotal: { type: 'number', required: true, default: 0 },
    /** The upload time of the last photo the pass went through: every older one is still to come. */
    doneThrough: { type: 'number' },
    /** The photos already gone through that were uploaded at exactly doneThrough, so a run that continues skips them. */
    boundaryIds: { type: 'list', items: { type: 'string' } },
    /** Photos that were still being processed when the pass reached them, looked at again at its end. */
    pending: { type: 'list', items: { type: 'string' } },
    finishedAt: { type: 'number' },
    ...jobSubjectAttributes,
  },
  indexes: {
    // The user's one re-render.
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: [], casing: 'none' },
    },
  },
});

export type WatermarkRerenderItem = EntityItem<typeof WatermarkRerender>;
export type WatermarkRerenderStatus = (typeof WATERMARK_RERENDER_STATUSES)[number];
