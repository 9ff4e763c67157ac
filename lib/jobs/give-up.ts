import { markJobDead, putDeadLetter } from '../db';
import { log } from '../observability/log';
import { countMetric, METRIC } from '../observability/metrics';
import { FAILURE_CODE } from './failure-codes';
import type { JobKind, JobSubject } from './job-kind';
import { deadLetterIdOf } from './dead-letter-id';
import { jobRefOf } from './run-job';
import { setSubjectStatus } from './set-subject-status';

/**
 * Gives a job up after its last attempt: the job ends dead, its owner gets a dead letter with a Retry
 * button, and the subject shows the kind's sentence. The one way anything is given up on, whether its
 * message reached a dead-letter queue or the sweep found it stuck. Idempotent; "stale" when the job
 * had moved on (finished, or a newer version runs), and then nothing changes.
 */
export async function giveUpJob(kind: JobKind, subject: JobSubject, trigger: { key: string; eTag?: string }, now: number): Promise<'dead' | 'stale'> {
  const ref = jobRefOf(kind, subject);
  const job = await markJobDead(ref, trigger.eTag || undefined);
  if (!job) {
    log.info('A dead letter arrived for a job that has moved on; nothing to do', { kind: kind.name, subjectId: subject.subjectId });
    return 'stale';
  }
  await putDeadLetter({
    deadLetterId: deadLetterIdOf(ref),
    userId: subject.userId,
    kind: kind.name,
    subjectId: subject.subjectId,
    key: trigger.key,
    attempts: job.attempts,
    createdAt: now,
  });
  await setSubjectStatus(kind, subject, { state: 'failed', failure: { reason: kind.messages.gaveUp, code: FAILURE_CODE.deadLetter } });
  countMetric(METRIC.deadLetters);
  log.warn('Gave up on a job', { kind: kind.name, subjectId: subject.subjectId, attempts: job.attempts });
  return 'dead';
}
