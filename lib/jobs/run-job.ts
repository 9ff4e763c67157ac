import { claimJob, deleteJobs, finishJob, releaseJob, renewJobLease, type JobRef } from '../db';
import { log } from '../observability/log';
import { continueTrace, TRACE_METADATA_KEY } from '../observability/tracing';
import { readObject } from '../storage';
import type { JobKind, JobSubject, JobWork, WorkResult } from './job-kind';
import type { StoredObject } from './schemas';
import { publishJobState } from './publish-job-state';
import { setSubjectStatus } from './set-subject-status';
import { jobTiming } from './timing';

/**
 * How one delivery ended. done / failed: the work's answer is recorded. gone: the subject was deleted,
 * and what the run wrote is removed. duplicate: the job had already finished. busy: another run holds
 * it (if that run dies, its own message comes back). stale: a later write of the object replaced this
 * one, or its event already holds the job, and that event runs. superseded: the job was taken over
 * while this run worked. ignored: the key is none this kind writes.
 */
export type RunOutcome = 'done' | 'failed' | 'gone' | 'duplicate' | 'busy' | 'stale' | 'superseded' | 'ignored';

/** The ledger's key of a kind's job on one subject: a subject has one job per kind, which a new request replaces. */
export function jobRefOf(kind: JobKind, subject: JobSubject): JobRef {
  return { userId: subject.userId, kind: kind.name, subjectId: subject.subjectId };
}

export interface RunOptions {
  clock?: () => number;
  /**
   * When the invocation running it ends (Lambda's timeout). The lease is never renewed past it: Lambda
   * stops a run at its timeout, heartbeat and all, and a run that outlives it anyway (one stuck in an
   * await, in the local cloud, whose handlers share one process) must not hold its job for ever.
   */
  deadline?: number;
}

/**
 * Runs a job on one announced object version, at most once to completion. Whatever goes wrong that
 * is worth another attempt is thrown, after the claim is released so the next delivery can take it
 * at once; the queue retries, and after the last attempt its dead-letter queue takes the message.
 */
export async function runJob(kind: JobKind, work: JobWork, object: StoredObject, { clock = Date.now, deadline = Infinity }: RunOptions = {}): Promise<RunOutcome> {
  const subject = kind.parseKey(object.key);
  if (!subject) {
    log.warn('Ignored an object outside the job key space', { kind: kind.name, key: object.key });
    return 'ignored';
  }
  log.appendKeys({ correlationId: subject.subjectId });
  const ref = jobRefOf(kind, subject);
  const timing = jobTiming();
  const now = clock();
  const leaseUntil = Math.min(now + timing.leaseMs, deadline);
  // The object is read while the claim is written: nearly every delivery is claimed, and a run is
  // mostly waiting. A delivery that is not claimed drops its read (and any failure of it) unheard.
  const reading = readObject(object.bucket, object.key);
  reading.catch(() => undefined);
  const claim = await claimJob(ref, { eTag: object.eTag, sequencer: object.sequencer, now, leaseUntil, dueAt: timing.runningDue(leaseUntil) });
  if (claim === 'missing') {
    // Nothing expects this object any more: its subject was deleted, or nobody ever asked for it.
    await kind.discard(subject);
    return 'gone';
  }
  if (claim === 'stale') return 'stale';
  if (claim !== 'claimed') return claim === 'busy' ? 'busy' : 'duplicate';

  const heartbeat = keepLease(ref, object.eTag, clock, deadline);
  try {
    const [running, stored] = await Promise.all([setSubjectStatus(kind, subject, { state: 'running' }), reading]);
    if (!running) return await settle(kind, ref, subject, object, { status: 'gone' });
    if (!stored || stored.eTag !== object.eTag) {
      await releaseJob(ref, object.eTag, { dueAt: timing.retryDue(clock()), error: 'stale: the object changed since it was announced' });
      return 'stale';
    }
    // The work, and whatever it queues, joins the trace its trigger carries; a subject that is its owner is not named in it.
    const traced = { kind: kind.name, subjectId: subject.subjectId === subject.userId ? undefined : subject.subjectId };
    return await continueTrace(stored.metadata[TRACE_METADATA_KEY], traced, async () => settle(kind, ref, subject, object, await work({ subject, object, body: stored.body, now })));
  } catch (error) {
    await releaseJob(ref, object.eTag, { dueAt: timing.retryDue(clock()), error: String(error) }).catch((releaseError: unknown) =>
      log.error('Could not release a job after a failed run', { error: String(releaseError) }),
    );
    throw error;
  } finally {
    heartbeat.stop();
  }
}

async function settle(kind: JobKind, ref: JobRef, subject: JobSubject, object: StoredObject, result: WorkResult): Promise<RunOutcome> {
  if (result.status !== 'gone') {
    const finished = await finishJob(ref, object.eTag, result.status);
    if (finished === 'finished') {
      await publishJobState(kind, subject, result.status);
      if (kind.whenFinished === 'forget') {
        await kind.discard(subject);
        await deleteJobs([ref]);
      }
      return result.status;
    }
    // Taken over by a newer run: it writes the same keys, so nothing here is removed.
    if (finished === 'superseded') return 'superseded';
  }
  // The subject was deleted while the run worked: what it wrote after the deletion's cleanup goes now.
  await kind.discard(subject);
  await deleteJobs([ref]);
  await publishJobState(kind, subject, 'gone');
  return 'gone';
}

/** Renews the run's lease while it works, so a run that dies is noticed within one lease and a long one is never taken over before its deadline. */
function keepLease(ref: JobRef, eTag: string, clock: () => number, deadline: number): { stop(): void } {
  const timing = jobTiming();
  const timer = setInterval(() => {
    const now = clock();
    if (now >= deadline) {
      log.warn('A run outlived its invocation; its lease runs out and the next delivery takes the job', { kind: ref.kind });
      clearInterval(timer);
      return;
    }
    const leaseUntil = Math.min(now + timing.leaseMs, deadline);
    renewJobLease(ref, eTag, { leaseUntil, dueAt: timing.runningDue(leaseUntil) })
      .then((held) => {
        if (!held) log.warn('A run lost its job to another run', { kind: ref.kind });
      })
      .catch((error: unknown) => log.warn('Could not renew a job lease', { error: String(error) }));
  }, timing.heartbeatMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
