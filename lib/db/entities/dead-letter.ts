import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * A job given up on after its last attempt: what the owner sees with a Retry button, and what
 * `npm run redrive` replays. Every dead letter of a job, whether its message reached a dead-letter
 * queue or the sweep gave up on it, is this one item (its id is the job's), so storing it twice is
 * storing it once.
 */
export const DeadLetter = new Entity({
  model: { entity: 'deadLetter', version: '2', service: 'headshot' },
  attributes: {
    deadLetterId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    /** The job kind that gave up, e.g. process-image. */
    kind: { type: 'string', required: true, readOnly: true },
    /** What it worked on, e.g. the image id. */
    subjectId: { type: 'string', required: true, readOnly: true },
    /** The trigger object, announced again by a redrive. */
    key: { type: 'string', required: true },
    /** Runs that claimed the job before it was given up. */
    attempts: { type: 'number', required: true },
    createdAt: { type: 'number', required: true, readOnly: true, default: () => Date.now() },
  },
  indexes: {
    // The owner's dead letters, shown on the dashboard.
    byOwner: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['deadLetterId'], casing: 'none' },
    },
    // Every dead letter, oldest first, for `npm run redrive`.
    all: {
      index: 'gsi1',
      pk: { field: table.globalIndexes.gsi1.partitionKey, composite: [] },
      sk: { field: table.globalIndexes.gsi1.sortKey, composite: ['createdAt', 'deadLetterId'], casing: 'none' },
    },
  },
});

export type DeadLetterItem = EntityItem<typeof DeadLetter>;
