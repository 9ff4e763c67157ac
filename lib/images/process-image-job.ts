import { resources } from '../aws/resources';
import { setImageStatus } from '../db';
import { defineJobKind, imageKeyOf, statusChanges, subjectFromKey } from '../jobs/define-job-kind';
import { releaseQuota } from '../quota';
import { deleteObjects, deletePrefix, mediaPrefix, originalKey, parseOriginalKey, UPLOAD_URL_TTL_SECONDS } from '../storage';

/** An uploaded original becomes the image's variants; the upload's own S3 event starts it. */
export const processImageJob = defineJobKind('process-image', {
  label: 'Processing a photo',
  parseKey: subjectFromKey(parseOriginalKey, 'imageId'),
  setStatus: statusChanges((subject, change) => setImageStatus(imageKeyOf(subject), change), { running: 'processing', queued: 'processing' }),
  // Also what an upload that never arrived ends with: its original can no longer come, so its share of the quota is given back.
  async discard(subject) {
    await deleteObjects(resources.uploadsBucket, [originalKey(subject.userId, subject.subjectId)]);
    await deletePrefix(resources.mediaBucket, mediaPrefix(subject.userId, subject.subjectId));
    await releaseQuota(imageKeyOf(subject));
  },
  arrivalWindowMs: UPLOAD_URL_TTL_SECONDS * 1000,
  messages: {
    gaveUp: 'Processing kept failing because of an error on our side. Your photo is safe; press Retry to try again.',
    neverArrived: 'The upload did not arrive. Please upload it again.',
  },
});
