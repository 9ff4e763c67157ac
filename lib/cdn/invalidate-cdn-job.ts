import { resources } from '../aws/resources';
import { defineJobKind } from '../jobs/define-job-kind';
import { forgetClosedAccountJob } from '../jobs/forget-closed-account-job';
import type { JobSubject } from '../jobs/job-kind';
import { deleteObjects } from '../storage';
import { INVALIDATE_CDN, invalidationKey, invalidationSubjectOfKey } from './invalidation-subject';

/**
 * Given up on (every attempt failed, or it never started): the owner keeps a dead letter with Retry,
 * unless the account is closed, whose deletion left this job to finish and must end with nothing of
 * it, so the dead letter, the job and its request go. False then: there is no one to show it to.
 */
async function recordGivenUp(subject: JobSubject): Promise<boolean> {
  return !(await forgetClosedAccountJob({ userId: subject.userId, kind: INVALIDATE_CDN, subjectId: subject.subjectId }, invalidationKey(subject)));
}

/**
 * Removing a set of paths from the site's CDN; its request's arrival in the media bucket starts it.
 * The runner retries a failed call (CloudFront throttles, or has too many invalidations in progress),
 * dead-letters it after the last, and sweeps it if its event is lost. Nothing is left to show once it
 * is done, so the job and its request are forgotten then.
 */
export const invalidateCdnJob = defineJobKind('invalidate-cdn', {
  label: 'Removing shared copies from the CDN',
  parseKey: invalidationSubjectOfKey,
  setStatus: {
    // An invalidation has no record of its own: the links it is for are already gone.
    running: () => Promise.resolve(true),
    queued: () => Promise.resolve(true),
    failed: (subject) => recordGivenUp(subject),
  },
  async discard(subject) {
    await deleteObjects(resources.mediaBucket, [invalidationKey(subject)]);
  },
  arrivalWindowMs: 60 * 1000,
  messages: {
    gaveUp: 'Removing the copies of links you ended from our CDN kept failing; they leave it within an hour anyway. Press Retry to remove them now.',
    neverArrived: 'Removing the copies of links you ended from our CDN could not start; they leave it within an hour anyway.',
  },
  whenFinished: 'forget',
});
