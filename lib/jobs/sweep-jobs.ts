import { listDueJobs, markJobNeverArrived, recordJobSweep, type JobItem } from '../db';
import { log } from '../observability/log';
import { countMetric, METRIC } from '../observability/metrics';
import { headObject, renotifyObject } from '../storage';
import { FAILURE_CODE } from './failure-codes';
import { giveUpJob } from './give-up';
import type { JobKind } from './job-kind';
import { allPages } from '../all-pages';
import { JOB_KINDS } from './kinds';
import { setSubjectStatus } from './set-subject-status';
import { ANNOUNCEMENT_AGE_DIVISOR, ARRIVAL_GRACE_MS, MAX_ANNOUNCEMENT_INTERVAL_MS, MAX_DELIVERY_ATTEMPTS, MAX_QUEUED_MS } from './retry-policy';
import { jobRefOf } from './run-job';
import { jobTiming } from './timing';

/** What the sweep did with one overdue job. */
export type SweepAction = 'announced' | 'gave-up' | 'never-arrived' | 'waiting' | 'raced';

export type SweepReport = Record<SweepAction, number>;

/**
 * Finds every job that should have moved by now and did not, and moves it:
 * - a queued job whose trigger is stored but whose event never came (a crash of the local cloud, a
 *   dropped notification, or just a long backlog) is announced again, the same way as a redrive, less
 *   often as it ages, and given up only after MAX_QUEUED_MS;
 * - a running job whose run died (its lease ran out) is announced again, and given up as a dead letter
 *   once it has had as many runs as a message gets deliveries;
 * - an upload that never arrived ends failed with a sentence, and nothing of it is kept.
 * Run every few minutes (a schedule on AWS, a timer in the local cloud) and by `npm run sweep`. Each
 * step is a conditional write on what the sweep saw, so running it twice, or in two places at once,
 * changes nothing more.
 */
export async function sweepJobs(now = Date.now(), kinds: readonly JobKind[] = Object.values(JOB_KINDS)): Promise<SweepReport> {
  const report: SweepReport = { announced: 0, 'gave-up': 0, 'never-arrived': 0, waiting: 0, raced: 0 };
  for (const kind of kinds) {
    for await (const page of allPages((cursor) => listDueJobs(kind.name, now, { cursor, limit: 100 }))) {
      for (const job of page) {
        const action = await sweepJob(kind, job, now);
        report[action] += 1;
        if (action !== 'waiting' && action !== 'raced') log.info('Swept a job', { kind: kind.name, subjectId: job.subjectId, state: job.state, action });
      }
    }
  }
  countMetric(METRIC.jobsSwept, report.announced + report['gave-up'] + report['never-arrived']);
  return report;
}

async function sweepJob(kind: JobKind, job: JobItem, now: number): Promise<SweepAction> {
  const subject = { userId: job.userId, subjectId: job.subjectId };
  const ref = jobRefOf(kind, subject);
  const trigger = await headObject(kind.bucket(), job.key);

  if (!trigger) {
    const arrivalDeadline = job.createdAt + kind.arrivalWindowMs + ARRIVAL_GRACE_MS;
    if (job.state === 'queued' && now < arrivalDeadline) {
      // The upload URL is still good: look again as the job ages, not only once the object can no longer
      // come, since an object that arrives while its event is lost (a crash between the two) would
      // otherwise sit unannounced until that deadline, a quarter of an hour on a fresh upload.
      const again = Math.min(arrivalDeadline, now + announcementSpacing(job, now));
      return (await recordJobSweep(ref, job, again, { count: false })) ? 'waiting' : 'raced';
    }
    if (!(await markJobNeverArrived(ref, job))) return 'raced';
    await setSubjectStatus(kind, subject, { state: 'failed', failure: { reason: kind.messages.neverArrived, code: FAILURE_CODE.neverArrived } });
    await kind.discard(subject);
    return 'never-arrived';
  }

  const stuck = job.state === 'queued' ? now - job.createdAt > MAX_QUEUED_MS : job.attempts >= MAX_DELIVERY_ATTEMPTS;
  if (stuck) return (await giveUpJob(kind, subject, { key: job.key, eTag: job.eTag }, now)) === 'dead' ? 'gave-up' : 'raced';
  if (!(await recordJobSweep(ref, job, jobTiming().runningDue(now + announcementSpacing(job, now)), { count: true }))) return 'raced';
  await renotifyObject(kind.bucket(), job.key, `sweep-${job.sweeps + 1}`);
  return 'announced';
}

/**
 * How long the sweep leaves a job before looking at it again: spaced by its age, not by how often it
 * was looked at, so that a job announced many times while it waited behind a backlog is still
 * announced soon after a crash drops the queue's copy of it.
 */
function announcementSpacing(job: JobItem, now: number): number {
  return Math.min(MAX_ANNOUNCEMENT_INTERVAL_MS, Math.max(jobTiming().queuedDue(0), Math.round((now - job.createdAt) / ANNOUNCEMENT_AGE_DIVISOR)));
}
