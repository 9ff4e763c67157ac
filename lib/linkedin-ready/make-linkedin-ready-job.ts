import { resources } from '../aws/resources';
import { setReadyPhotoStatus } from '../db';
import { defineJobKind, imageKeyOf, statusChanges, subjectFromKey } from '../jobs/define-job-kind';
import { deletePrefix, parseReadyRequestKey, readyPhotoPrefix, readyRequestPrefix } from '../storage';

/** Making the LinkedIn-ready version of one photo; its request's arrival in the media bucket starts it. */
export const makeLinkedInReadyJob = defineJobKind('make-linkedin-ready', {
  label: 'Making a LinkedIn-ready photo',
  parseKey: subjectFromKey(parseReadyRequestKey, 'imageId'),
  setStatus: statusChanges((subject, change) => setReadyPhotoStatus(imageKeyOf(subject), change), { running: 'running', queued: 'queued' }),
  async discard(subject) {
    await deletePrefix(resources.mediaBucket, readyRequestPrefix(subject.userId, subject.subjectId));
    await deletePrefix(resources.mediaBucket, readyPhotoPrefix(subject.userId, subject.subjectId));
  },
  // The request is written right after the job is queued.
  arrivalWindowMs: 60 * 1000,
  messages: {
    gaveUp: 'Making the LinkedIn-ready photo kept failing because of an error on our side. Press Retry to try again.',
    neverArrived: 'The LinkedIn-ready photo could not start. Please ask for it again.',
  },
});
