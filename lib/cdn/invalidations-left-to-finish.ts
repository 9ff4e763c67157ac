import { jobItemKey, listJobsInFlight } from '../db';
import type { JobSubject } from '../jobs/job-kind';
import { INVALIDATE_CDN, invalidationKey } from './invalidation-subject';

/**
 * What an account's deletion leaves in place for the user's invalidations still to run: their job
 * items and requests, those it asked for itself and any other queued or running (asked for when the
 * deletion was requested, or by a deletion run before). Each removes its own once it is done or given
 * up on, so the account ends with nothing.
 */
export async function invalidationsLeftToFinish(userId: string, asked: readonly JobSubject[] = []): Promise<{ items: Record<string, string>[]; objects: string[] }> {
  const inFlight = await listJobsInFlight(userId, INVALIDATE_CDN);
  const subjects = new Set([...asked.map((subject) => subject.subjectId), ...inFlight.map((job) => job.subjectId)]);
  const refs = [...subjects].map((subjectId) => ({ userId, kind: INVALIDATE_CDN, subjectId }));
  return { items: refs.map(jobItemKey), objects: refs.map((ref) => invalidationKey(ref)) };
}
