import { resources } from '../aws/resources';
import { defineJobKind } from '../jobs/define-job-kind';
import type { JobSubject } from '../jobs/job-kind';
import { ACCOUNT_DELETION_PREFIX, deletePrefix, parseAccountDeletionKey } from '../storage';
import { isAccountClosed } from './is-account-closed';

const isClosing = (subject: JobSubject) => isAccountClosed(subject.userId);

/** Deleting an account and everything of it; its request's arrival in the media bucket starts it. */
export const deleteAccountJob = defineJobKind('delete-account', {
  label: 'Deleting an account',
  parseKey(key) {
    const owner = parseAccountDeletionKey(key);
    return owner ? { userId: owner.userId, subjectId: owner.userId } : null;
  },
  // Nobody is left to see it: the account's closure mark is all the state there is.
  setStatus: { running: isClosing, queued: isClosing, failed: isClosing },
  discard: (subject) => deletePrefix(resources.mediaBucket, `${ACCOUNT_DELETION_PREFIX}${subject.userId}/`),
  // The request is written right after the job is queued.
  arrivalWindowMs: 60 * 1000,
  messages: {
    gaveUp: 'Deleting this account kept failing. Run `npm run redrive` once the cause is fixed.',
    neverArrived: 'The account deletion could not start. Ask for it again.',
  },
});
