import { resources } from '../aws/resources';
import { deleteJobs, findImage, markUploadAbandoned, type AbandonedUploadCode } from '../db';
import { jobRefOf } from '../jobs/run-job';
import { releaseQuota } from '../quota';
import { deleteObjects, originalKey } from '../storage';
import { processImageJob } from './process-image-job';
import { cancelUploadInput } from './schemas';

/** The failure code of an upload its owner stopped: no dead letter, no Retry, only Delete. */
export const CANCELLED_FAILURE_CODE = 'cancelled' satisfies AbandonedUploadCode;
export const CANCELLED_REASON = 'Upload cancelled.';
/** The failure code of an upload whose PUT to storage failed: the browser's upload row offers Retry, which uploads afresh. */
const UPLOAD_FAILED_CODE = 'upload-failed' satisfies AbandonedUploadCode;

/**
 * How it ended. settled: the photo is failed with the reason's sentence and nothing of the upload is
 * kept, or it had already failed. arrived: the bytes were in and a run had taken them, so the photo
 * goes on as uploaded. missing: no such upload of this owner.
 */
export type CancelUploadResult = 'settled' | 'arrived' | 'missing';

/**
 * Settles an upload the browser gave up on, because its owner cancelled it or because its PUT failed,
 * at once rather than at the sweep. The PUT may have landed all the same, so the record is failed
 * only while it is still `uploading`: a run that took it first wins, and its job is left alone. Once
 * failed, no run takes it up again (lib/db setImageStatus), and its job is dropped, so a delivery of
 * the object finds nothing expecting it and discards it (lib/jobs/run-job.ts), and the sweep never
 * reports it as an upload that never came. Then the original goes if it is there, and with it the
 * photo's share of the quota.
 */
export async function cancelUpload(userId: string, input: unknown): Promise<CancelUploadResult> {
  const { imageId, reason, httpStatus } = cancelUploadInput.parse(input);
  const key = { userId, imageId };
  const failure: { failureReason: string; failureCode: AbandonedUploadCode } =
    reason === 'cancelled'
      ? { failureReason: CANCELLED_REASON, failureCode: CANCELLED_FAILURE_CODE }
      : { failureReason: `Upload failed: ${putFailure(httpStatus)}.`, failureCode: UPLOAD_FAILED_CODE };
  if (!(await markUploadAbandoned(key, failure))) {
    const image = await findImage(userId, imageId);
    if (!image || image.deletingAt) return 'missing';
    return image.status === 'failed' ? 'settled' : 'arrived';
  }
  await deleteJobs([jobRefOf(processImageJob, { userId, subjectId: imageId })]);
  await deleteObjects(resources.uploadsBucket, [originalKey(userId, imageId)]);
  await releaseQuota(key);
  return 'settled';
}

/** Why the PUT failed, in a few words, from what storage answered (nothing: the connection broke). */
function putFailure(httpStatus: number | undefined): string {
  if (httpStatus === undefined) return 'the connection was lost';
  if (httpStatus === 400) return 'the file did not arrive whole';
  if (httpStatus === 403) return 'storage refused it (the upload link may have expired)';
  if (httpStatus === 412) return 'its upload link had already been used';
  if (httpStatus >= 500) return 'storage was unavailable';
  return `storage refused it (HTTP ${httpStatus})`;
}
