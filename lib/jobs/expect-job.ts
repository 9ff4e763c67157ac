import { deleteDeadLetter, enqueueJob } from '../db';
import { deadLetterIdOf } from './dead-letter-id';
import type { JobKind, JobSubject } from './job-kind';
import { jobRefOf } from './run-job';
import { jobTiming } from './timing';

/**
 * Records that a job's trigger object is about to be written (an upload URL handed out, an analysis
 * input about to be copied), before it is. From then on the sweep answers for it: if the object's
 * event is lost, the object is announced again; if the object never comes, the owner is told.
 */
export async function expectJob(kind: JobKind, subject: JobSubject, key: string, now = Date.now()): Promise<void> {
  const ref = jobRefOf(kind, subject);
  await enqueueJob({ ...ref, key }, { now, dueAt: jobTiming().queuedDue(now) });
  // Asked for afresh, so whatever was given up on before is no longer the owner's to retry.
  await deleteDeadLetter(subject.userId, deadLetterIdOf(ref));
}
