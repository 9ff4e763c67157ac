import type { StoredObject } from './schemas';

/** Who a job is for, and the id of what it works on (an image, an export, the account itself). */
export interface JobSubject {
  userId: string;
  subjectId: string;
}

/** One run of a job, as its work function sees it: the claimed object version and its bytes. */
export interface JobRun {
  subject: JobSubject;
  object: StoredObject;
  body: Buffer;
  now: number;
}

/**
 * What the work did. `done` and `failed` are final answers it has recorded for the owner (failed:
 * a refused file, with its reason); `gone`: the subject was deleted while it worked. Anything worth
 * another attempt is thrown instead.
 */
export type WorkResult = { status: 'done' } | { status: 'failed' } | { status: 'gone' };

export interface Failure {
  reason: string;
  code: string;
}

/** A job kind's work on one run. Kept apart from its JobKind, so the functions that only give up or sweep jobs never load it. */
export type JobWork = (run: JobRun) => Promise<WorkResult>;

/**
 * A kind of background job: where its triggers are, and what its owner sees. With its work function,
 * that is all a kind is; the runner (run-job.ts) owns the rest: key parsing, the claim and its lease,
 * staleness, retries, dead letters and the sweep.
 */
export interface JobKind {
  /** Also the name of the function that runs it. */
  name: string;
  /** What the owner sees it as, e.g. "processing a photo". */
  label: string;
  /** The bucket its trigger objects are written to. */
  bucket(): string;
  /** The subject a trigger key names, or null for a key this kind never writes. */
  parseKey(key: string): JobSubject | null;
  /** Sets the subject's status when a run starts, when the job is sent round again, and when it is given up on. Each is false when the subject is gone. */
  setStatus: {
    running(subject: JobSubject): Promise<boolean>;
    queued(subject: JobSubject): Promise<boolean>;
    failed(subject: JobSubject, failure: Failure): Promise<boolean>;
  };
  /** Removes whatever runs may have written for a subject that no longer exists, or whose trigger never came. */
  discard(subject: JobSubject): Promise<void>;
  /** How long after the job is queued its trigger may still be written (an upload URL's lifetime). */
  arrivalWindowMs: number;
  /** The sentences its owner sees when the job is given up on, and when its trigger never arrived. */
  messages: { gaveUp: string; neverArrived: string };
  /**
   * What becomes of a finished job: kept (unset), where its subject goes on showing what the work made;
   * or forgotten, its ledger item and trigger removed (through `discard`), for work that leaves nothing
   * to show and would otherwise pile up one item per run (a webhook delivery).
   */
  whenFinished?: 'forget';
}
