import { isAccountClosed } from '../account/is-account-closed';
import { resources } from '../aws/resources';
import { deleteDeadLetter, deleteJobs, type JobRef } from '../db';
import { deleteObjects } from '../storage';
import { deadLetterIdOf } from './dead-letter-id';

/**
 * For a kind whose jobs an account's deletion leaves to finish (its last webhook deliveries, its CDN
 * invalidations): once such a job is given up on, nothing of it may outlive the account, so its dead
 * letter, its job and its request object in the media bucket go, as the rest of the account did.
 * True when the account is closed and all three are gone; false, touching nothing, while it is open.
 */
export async function forgetClosedAccountJob(ref: JobRef, requestKey: string): Promise<boolean> {
  if (!(await isAccountClosed(ref.userId))) return false;
  await deleteDeadLetter(ref.userId, deadLetterIdOf(ref));
  await deleteJobs([ref]);
  await deleteObjects(resources.mediaBucket, [requestKey]);
  return true;
}
