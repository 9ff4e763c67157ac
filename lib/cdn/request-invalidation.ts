import { nanoid } from 'nanoid';
import { resources } from '../aws/resources';
import { expectJob } from '../jobs/expect-job';
import type { JobSubject } from '../jobs/job-kind';
import { writeObject } from '../storage';
import { invalidateCdnJob } from './invalidate-cdn-job';
import { invalidationKey } from './invalidation-subject';
import { MAX_PATHS_PER_INVALIDATION } from './limits';
import { InvalidationRequestSchema } from './schemas';

/**
 * Asks for paths to be removed from the site's CDN, on a user's behalf, as every job is asked for:
 * the job is expected, then its request written, whose arrival runs invalidate-cdn (retried,
 * dead-lettered and swept by the runner). One job per MAX_PATHS_PER_INVALIDATION paths, so each is
 * one CreateInvalidation. Called once what the paths served is already refused at the origin, so
 * that the edge's next request for them finds it gone. Answers the jobs asked for.
 */
export async function requestInvalidation(userId: string, paths: readonly string[], now = Date.now()): Promise<JobSubject[]> {
  const unique = [...new Set(paths)];
  const asked: JobSubject[] = [];
  for (let start = 0; start < unique.length; start += MAX_PATHS_PER_INVALIDATION) {
    const body = InvalidationRequestSchema.parse({ paths: unique.slice(start, start + MAX_PATHS_PER_INVALIDATION), requestedAt: now });
    const subject = { userId, subjectId: `inv_${nanoid(20)}` };
    const key = invalidationKey(subject);
    await expectJob(invalidateCdnJob, subject, key, now);
    await writeObject(resources.mediaBucket, key, Buffer.from(JSON.stringify(body)), 'application/json');
    asked.push(subject);
  }
  return asked;
}
