import { resources } from '../aws/resources';
import { findImage, setImageStatus } from '../db';
import { defineJobKind, imageKeyOf, statusChanges, subjectFromKey } from '../jobs/define-job-kind';
import type { JobKind } from '../jobs/job-kind';
import { releaseQuota } from '../quota';
import { deleteObjects, deletePrefix, mediaPrefix, originalKey, parseOriginalKey, UPLOAD_URL_TTL_SECONDS } from '../storage';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';

const imageStatuses = statusChanges((subject, change) => setImageStatus(imageKeyOf(subject), change), { running: 'processing', queued: 'processing' });

/**
 * The runner fails a photo for good in one place, here: given up after its last attempt (a dead
 * letter, from the drain or the sweep) or its upload never arrived. Its owner's webhooks hear
 * image.failed then, as they do for a file processing refused (process-upload.ts), under the image's
 * id as the event's key, so a repeat carries the same webhook-id. setImageStatus also answers true
 * for a photo an earlier run finished, which stays ready and sends nothing.
 */
const setStatus: JobKind['setStatus'] = {
  ...imageStatuses,
  async failed(subject, failure) {
    if (!(await imageStatuses.failed(subject, failure))) return false;
    if ((await findImage(subject.userId, subject.subjectId))?.status === 'failed') {
      await emitWebhookEvent(subject.userId, { type: 'image.failed', data: { imageId: subject.subjectId, reason: failure.reason, code: failure.code }, eventKey: subject.subjectId });
    }
    return true;
  },
};

/** An uploaded original becomes the image's variants; the upload's own S3 event starts it. */
export const processImageJob = defineJobKind('process-image', {
  label: 'Processing a photo',
  parseKey: subjectFromKey(parseOriginalKey, 'imageId'),
  setStatus,
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
