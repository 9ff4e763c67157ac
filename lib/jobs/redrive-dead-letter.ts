import { allPages } from '../all-pages';
import { deleteDeadLetter, findDeadLetter, listAllDeadLetters, requeueJob, type DeadLetterItem } from '../db';
import { headObject, renotifyObject } from '../storage';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { FAILURE_CODE } from './failure-codes';
import type { JobKind } from './job-kind';
import { jobKind } from './kinds';
import { RETRY_LIMIT } from './limits';
import { jobRefOf } from './run-job';
import { setSubjectStatus } from './set-subject-status';
import { jobTiming } from './timing';

export type RedriveResult = 'requeued' | 'never-arrived';

/**
 * Sends a dead-lettered job round again, the way SQS redrive would: the job is queued afresh and its
 * trigger object announced anew (copied onto itself), so the retry takes the same path as the first
 * run, here and on AWS. A trigger that is gone cannot be retried; its owner is told to upload again.
 */
export async function redriveDeadLetter(item: DeadLetterItem, now = Date.now()): Promise<RedriveResult> {
  const kind: JobKind | null = jobKind(item.kind);
  if (!kind) throw new Error(`Dead letter ${item.deadLetterId} names no job kind (${item.kind})`);
  const subject = { userId: item.userId, subjectId: item.subjectId };
  const trigger = await headObject(kind.bucket(), item.key);
  if (!trigger) {
    await setSubjectStatus(kind, subject, { state: 'failed', failure: { reason: kind.messages.neverArrived, code: FAILURE_CODE.neverArrived } });
    await deleteDeadLetter(item.userId, item.deadLetterId);
    return 'never-arrived';
  }
  // Queued before it is announced: should the announcement be lost, the sweep announces it again.
  await requeueJob(jobRefOf(kind, subject), { dueAt: jobTiming().queuedDue(now) });
  await setSubjectStatus(kind, subject, { state: 'queued' });
  await renotifyObject(kind.bucket(), item.key, item.deadLetterId);
  await deleteDeadLetter(item.userId, item.deadLetterId);
  return 'requeued';
}

/** The Retry button: only the owner's own dead letters, within the retry limit; null when there is no such dead letter. */
export async function redriveOwnDeadLetter(userId: string, deadLetterId: string, now = Date.now()): Promise<RedriveResult | null> {
  const item = await findDeadLetter(userId, deadLetterId);
  if (!item) return null;
  await enforceRateLimit(RETRY_LIMIT, userId, (minutes) => `You have pressed Retry a lot in the last hour. Try again in ${inMinutes(minutes)}.`, now);
  return redriveDeadLetter(item, now);
}

/** `npm run redrive`: every dead letter, oldest first; one that fails is reported and the rest go on. */
export async function redriveAllDeadLetters(): Promise<{ redriven: number; neverArrived: number; failed: { deadLetterId: string; error: string }[] }> {
  const report = { redriven: 0, neverArrived: 0, failed: [] as { deadLetterId: string; error: string }[] };
  for await (const page of allPages((cursor) => listAllDeadLetters({ cursor, limit: 100 }))) {
    for (const item of page) {
      try {
        if ((await redriveDeadLetter(item)) === 'requeued') report.redriven += 1;
        else report.neverArrived += 1;
      } catch (error) {
        report.failed.push({ deadLetterId: item.deadLetterId, error: String(error) });
      }
    }
  }
  return report;
}
