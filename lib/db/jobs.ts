import { getDb, type Page } from './client';
import { conditionalResult, conditionally, isConditionFailure } from './conditions';
import type { JobItem, JobState } from './entities/job';

/*
 * The job ledger: every transition is one conditional write on the job's item, so two deliveries,
 * two sweeps or a delivery and a sweep racing each other cannot both win the same step.
 */

/** A job of one subject: which kind of work, on what, for whom. */
export interface JobRef {
  userId: string;
  kind: string;
  subjectId: string;
}

/** The job of one subject; null when it was never expected, or went with its subject. */
export async function findJob(ref: JobRef): Promise<JobItem | null> {
  const { data } = await getDb().entities.job.get(ref).go();
  return data;
}

/** Expects a run of the job on the object at `key`, replacing whatever the job was before (its attempts too). */
export async function enqueueJob(ref: JobRef & { key: string }, options: { now: number; dueAt: number }): Promise<void> {
  await getDb()
    .entities.job.put({ ...ref, state: 'queued', attempts: 0, sweeps: 0, dueAt: options.dueAt, createdAt: options.now })
    .go({ response: 'none' });
}

export type ClaimResult = 'claimed' | 'busy' | 'stale' | 'finished' | 'missing';

/**
 * Takes a run of the job on one object version, announced by a write whose `sequencer` says where it
 * stands among the key's writes. It succeeds for a queued job; for a running job whose lease ran out
 * (its run died); and for a running job on another version written earlier (a newer upload takes
 * over). It never moves a job back to an earlier write: events arrive out of order, and an older one
 * taking over would drop the newer run's outcome. It refuses a job another run holds (busy), one on a
 * later write (stale), a finished one, and one that no longer exists (its subject was deleted). A
 * claim without a sequencer counts as the earliest write.
 */
export async function claimJob(ref: JobRef, claim: { eTag: string; sequencer?: string; now: number; leaseUntil: number; dueAt: number }): Promise<ClaimResult> {
  const { sequencer: order } = claim;
  try {
    await getDb()
      .entities.job.patch(ref)
      .set({ state: 'running', eTag: claim.eTag, leaseUntil: claim.leaseUntil, dueAt: claim.dueAt, ...(order ? { sequencer: order } : {}) })
      .add({ attempts: 1 })
      .where(({ state, eTag, leaseUntil, sequencer }, { eq, ne, lt, lte, notExists }) => {
        const notLater = order ? `(${notExists(sequencer)} OR ${lte(sequencer, order)})` : notExists(sequencer);
        return `${eq(state, 'queued')} OR (${eq(state, 'running')} AND ${notLater} AND (${ne(eTag, claim.eTag)} OR ${lt(leaseUntil, claim.now)}))`;
      })
      .go({ response: 'none' });
    return 'claimed';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const job = await findJob(ref);
    if (!job) return 'missing';
    if (job.state !== 'running') return 'finished';
    return job.eTag !== claim.eTag && job.sequencer !== undefined && (order ?? '') < job.sequencer ? 'stale' : 'busy';
  }
}

/** Extends the lease of a run that is still working; false when the run no longer holds the job. */
export async function renewJobLease(ref: JobRef, eTag: string, lease: { leaseUntil: number; dueAt: number }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.job.patch(ref)
      .set(lease)
      .where(({ state, eTag: current }, { eq }) => `${eq(state, 'running')} AND ${eq(current, eTag)}`)
      .go({ response: 'none' }),
  );
}

/** Lets the next delivery take the job at once, after a run that failed without finishing; nothing when the run no longer holds it. */
export async function releaseJob(ref: JobRef, eTag: string, release: { dueAt: number; error: string }): Promise<void> {
  await conditionally(
    getDb()
      .entities.job.patch(ref)
      .set({ leaseUntil: 0, dueAt: release.dueAt, lastError: release.error.slice(0, 1000) })
      .where(({ state, eTag: current }, { eq }) => `${eq(state, 'running')} AND ${eq(current, eTag)}`)
      .go({ response: 'none' }),
  );
}

export type FinishResult = 'finished' | 'superseded' | 'missing';

/**
 * Records how the run on eTag ended. "superseded": another run took the job meanwhile (a newer
 * version, or a new request), so this run's outcome no longer counts; "missing": the job is gone
 * with its subject.
 */
export async function finishJob(ref: JobRef, eTag: string, state: Extract<JobState, 'done' | 'failed'>): Promise<FinishResult> {
  try {
    await getDb()
      .entities.job.patch(ref)
      .set({ state })
      .remove(['leaseUntil', 'dueAt'])
      .where(({ state: current, eTag: claimed }, { eq }) => `${eq(current, 'running')} AND ${eq(claimed, eTag)}`)
      .go({ response: 'none' });
    return 'finished';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return (await findJob(ref)) ? 'superseded' : 'missing';
  }
}

/**
 * Gives up on the job's run on eTag (or on a job no run ever claimed): it ends `dead`. Answers the
 * dead job also when it already was, so a dead letter stored twice has the effect of one; null when
 * the job has moved on (it finished, or a newer version runs) or is gone.
 */
export async function markJobDead(ref: JobRef, eTag: string | undefined): Promise<JobItem | null> {
  const version = eTag ?? '';
  return conditionalResult(
    getDb()
      .entities.job.patch(ref)
      .set({ state: 'dead', ...(eTag ? { eTag } : {}) })
      .remove(['leaseUntil', 'dueAt'])
      .where(
        ({ state, eTag: claimed }, { eq, notExists }) =>
          `(${eq(state, 'queued')} OR ${eq(state, 'running')} OR ${eq(state, 'dead')}) AND (${notExists(claimed)} OR ${eq(claimed, version)})`,
      )
      .go({ response: 'all_new' })
      .then(({ data }) => data as JobItem),
  );
}

/** Fails a job whose trigger never arrived, only if it is still as the sweep saw it; false otherwise. */
export async function markJobNeverArrived(ref: JobRef, seen: Pick<JobItem, 'state' | 'sweeps'>): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.job.patch(ref)
      .set({ state: 'failed' })
      .remove(['leaseUntil', 'dueAt'])
      .where(({ state, sweeps }, { eq }) => `${eq(state, seen.state)} AND ${eq(sweeps, seen.sweeps)}`)
      .go({ response: 'none' }),
  );
}

/** Sends a dead or stuck job round again from the start, for a redrive; false when the job is gone. */
export async function requeueJob(ref: JobRef, options: { dueAt: number }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.job.patch(ref)
      .set({ state: 'queued', attempts: 0, sweeps: 0, dueAt: options.dueAt })
      .remove(['eTag', 'sequencer', 'leaseUntil'])
      .go({ response: 'none' }),
  );
}

/**
 * Counts one announcement of the trigger by the sweep and sets when to look again, only if the job
 * is still as the sweep saw it: of two sweeps running at once, one announces and the other does nothing.
 */
export async function recordJobSweep(ref: JobRef, seen: Pick<JobItem, 'state' | 'sweeps' | 'dueAt'>, dueAt: number, options: { count: boolean }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.job.patch(ref)
      .set({ dueAt })
      .add({ sweeps: options.count ? 1 : 0 })
      .where(({ state, sweeps, dueAt: due }, { eq }) => `${eq(state, seen.state)} AND ${eq(sweeps, seen.sweeps)} AND ${eq(due, seen.dueAt ?? 0)}`)
      .go({ response: 'none' }),
  );
}

/** How many of a user's jobs of one kind are queued or running (the sparse inFlight index holds no others); from gsi1, so one queued a moment ago may not count yet. */
export async function countJobsInFlight(userId: string, kind: string): Promise<number> {
  const { data } = await getDb().entities.job.query.inFlight({ userId, kind }).go({ pages: 'all', attributes: ['subjectId'] });
  return data.length;
}

/** A user's jobs of one kind that are queued or running, with their trigger keys; from gsi1, so one queued a moment ago may be missing. */
export async function listJobsInFlight(userId: string, kind: string): Promise<Pick<JobItem, 'subjectId' | 'key'>[]> {
  const { data } = await getDb().entities.job.query.inFlight({ userId, kind }).go({ pages: 'all', attributes: ['subjectId', 'key'] });
  return data;
}

/** Jobs of one kind that the sweep should look at now, the longest overdue first; read from gsi2, so a job due a moment ago may wait for the next sweep. */
export async function listDueJobs(kind: string, now: number, options: { cursor?: string | null; limit: number }): Promise<Page<JobItem>> {
  const { data, cursor } = await getDb()
    .entities.job.query.due({ kind })
    .lte({ dueAt: now })
    .go({ limit: options.limit, cursor: options.cursor ?? null });
  return { items: data, cursor };
}

/** Forgets the jobs of one subject (its deletion); jobs already gone are fine. */
export async function deleteJobs(refs: JobRef[]): Promise<void> {
  if (refs.length === 0) return;
  const { unprocessed } = await getDb().entities.job.delete(refs).go();
  if (unprocessed.length > 0) throw new Error(`${unprocessed.length} jobs were not deleted; retry`);
}

/** The table key of a job's item, for a bulk deletion that must leave it for last. */
export function jobItemKey(ref: JobRef): Record<string, string> {
  return getDb().entities.job.delete(ref).params<{ Key: Record<string, string> }>().Key;
}
