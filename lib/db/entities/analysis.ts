import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';
import { jobSubjectAttributes } from './job-subject';

export const ANALYSIS_STATUSES = ['pending', 'running', 'ready', 'failed'] as const;

/** The LinkedIn profile-photo analysis of one image: its own status, apart from the image's. */
export const Analysis = new Entity({
  model: { entity: 'analysis', version: '2', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    imageId: { type: 'string', required: true, readOnly: true },
    status: { type: ANALYSIS_STATUSES, required: true },
    /** Which adapter answered: rekognition or local. */
    analyzer: { type: 'string' },
    /** Faces, quality, score and checklist; validated with the faces schemas when read. */
    report: { type: 'any' },
    /** The LinkedIn-ready crops, or why there are none. */
    crop: { type: 'any' },
    ...jobSubjectAttributes,
  },
  indexes: {
    // The analysis of one of the owner's images.
    byImage: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['imageId'], casing: 'none' },
    },
  },
});

export type AnalysisItem = EntityItem<typeof Analysis>;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];
