import type { JobSubject } from '../jobs/job-kind';
import { cdnInvalidationKey, parseCdnInvalidationKey } from '../storage';

/** The job kind's name, as its row of the job-wiring table has it. */
export const INVALIDATE_CDN = 'invalidate-cdn';

/*
 * An invalidation's job subject: the user it was asked for (their links' paths), and an id of its own,
 * which is also its CallerReference at CloudFront, so a retry of the same request creates nothing new.
 */

export function invalidationKey(subject: JobSubject): string {
  return cdnInvalidationKey(subject.userId, subject.subjectId);
}

/** parseKey of the invalidate-cdn kind. */
export function invalidationSubjectOfKey(key: string): JobSubject | null {
  const parsed = parseCdnInvalidationKey(key);
  return parsed ? { userId: parsed.userId, subjectId: parsed.invalidationId } : null;
}
