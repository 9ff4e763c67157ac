import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * An event that still failed after the last attempt. Kept in the table rather than only in SQS's DLQ
 * so that the owner sees it on the dashboard, and so that redrive works the same locally and on AWS.
 */
export const DeadLetter = new Entity({
  model: { entity: 'deadLetter', version: '1', service: 'headshot' },
  attributes: {
    deadLetterId: { type: 'string', required: true, readOnly: true },
    /** The owner whose upload the event concerns; "unknown" when the key names nobody. */
    userId: { type: 'string', required: true, readOnly: true },
    imageId: { type: 'string' },
    /** Which handler gave up on it. */
    handler: { type: 'string', required: true },
    /** The S3 event record, as delivered. */
    record: { type: 'string', required: true },
    error: { type: 'string', required: true },
    attempts: { type: 'number', required: true },
    createdAt: { type: 'number', required: true, readOnly: true, default: () => Date.now() },
  },
  indexes: {
    // The owner's dead letters, shown on the dashboard.
    byOwner: {
      pk: { field: table.partitionKey, composite: ['userId'] },
      sk: { field: table.sortKey, composite: ['deadLetterId'] },
    },
    // Every dead letter, oldest first, for `npm run redrive`.
    all: {
      index: 'gsi1',
      pk: { field: table.globalIndexes.gsi1.partitionKey, composite: [] },
      sk: { field: table.globalIndexes.gsi1.sortKey, composite: ['createdAt', 'deadLetterId'] },
    },
  },
});

export type DeadLetterItem = EntityItem<typeof DeadLetter>;
