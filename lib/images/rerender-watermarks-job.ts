import { resources } from '../aws/resources';
import { setWatermarkRerenderStatus } from '../db';
import { defineJobKind, statusChanges, subjectFromKey } from '../jobs/define-job-kind';
import { deletePrefix, parseWatermarkRequestKey, watermarkRequestPrefix } from '../storage';

/** Applying the owner's watermark settings to the photos they already have; its request's arrival in the media bucket starts it. */
export const rerenderWatermarksJob = defineJobKind('rerender-watermarks', {
  label: 'Applying your watermark to your photos',
  // One per user: the subject is the user's library.
  parseKey: subjectFromKey(parseWatermarkRequestKey, 'userId'),
  setStatus: statusChanges((subject, change) => setWatermarkRerenderStatus(subject.userId, change), { running: 'running', queued: 'queued' }),
  // The copies it made belong to their photos, which keep them; only the request is its own.
  discard: (subject) => deletePrefix(resources.mediaBucket, watermarkRequestPrefix(subject.userId)),
  // The request is written right after the job is queued.
  arrivalWindowMs: 60 * 1000,
  messages: {
    gaveUp: 'Applying your watermark to your photos kept failing because of an error on our side. Your photos are safe; press Retry to try again.',
    neverArrived: 'Applying your watermark to your photos could not start. Please ask for it again.',
  },
});
