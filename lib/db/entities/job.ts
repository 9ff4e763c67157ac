import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * Where a job stands: `queued` until its trigger object's event is taken, `running` while a run holds
 * its lease, then `done`, `failed` (the work's own final answer, such as a refused file) or `dead`
 * (given up after its retries: it has a dead letter and a Retry button).
 */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Epoch ms in a sort key are compared as text, so they are padded to one width. */
const EPOCH_MS_PADDING = { length: 15, char: '0' } as const;

/**
 * One background job of one subject (an image's processing, its analysis, ...), kept by the job
 * runner (lib/jobs): the claim, its lease and its attempts live here, once for every kind of job,
 * and the subject's own record only carries what its owner sees.
 */
export const Job = new Entity({
  model: { entity: 'job', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    /** The job kind's name, e.g. process-image (lib/jobs/kinds.ts). */
    kind: { type: 'string', required: true, readOnly: true },
    /** What the job works on, e.g. the image id. */
    subjectId: { type: 'string', required: true, readOnly: true },
    /** The object whose S3 event starts a run; the kind says which bucket. */
    key: { type: 'string', required: true },
    state: { type: JOB_STATES, required: true },
    /** The object version (eTag) the job runs on, once a run has claimed it. */
    eTag: { type: 'string' },
    /** Where the claimed version's write stands among the key's writes: its S3 event's sequencer, padded to compare as text (lib/jobs/sqs-messages.ts). */
    sequencer: { type: 'string' },
    /** Epoch ms until which the running run owns the job; it renews it while it works. */
    leaseUntil: { type: 'number' },
    /** When the sweep looks at the job, if nothing else has moved it by then. Set only while queued or running. */
    dueAt: { type: 'number', padding: EPOCH_MS_PADDING },
    /** Runs that claimed the job. */
    attempts: { type: 'number', required: true, default: 0 },
    /** Times the sweep announced the trigger again because nothing was moving. */
    sweeps: { type: 'number', required: true, default: 0 },
    /** The last error a run threw, for operators; never shown to the owner. */
    lastError: { type: 'string' },
    createdAt: { type: 'number', required: true, readOnly: true, default: () => Date.now() },
    updatedAt: { type: 'number', watch: '*', set: () => Date.now(), default: () => Date.now() },
  },
  indexes: {
    // One job of one subject, under its owner, so that everything of a user sits in their partition.
    byKind: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['kind', 'subjectId'], casing: 'none' },
    },
    // A user's jobs of one kind that are still queued or running, for the per-user caps. Sparse, like `due`.
    inFlight: {
      index: 'gsi1',
      pk: { field: table.globalIndexes.gsi1.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.globalIndexes.gsi1.sortKey, composite: ['kind', 'subjectId'], casing: 'none' },
      condition: (job: { dueAt?: number }) => job.dueAt !== undefined,
    },
    // The sweep's work list: jobs of one kind that are due, oldest first. Sparse: finished jobs have no dueAt.
    due: {
      index: 'gsi2',
      pk: { field: table.globalIndexes.gsi2.partitionKey, composite: ['kind'], casing: 'none' },
      sk: { field: table.globalIndexes.gsi2.sortKey, composite: ['dueAt'], casing: 'none' },
      condition: (job: { dueAt?: number }) => job.dueAt !== undefined,
    },
  },
});

export type JobItem = EntityItem<typeof Job>;
