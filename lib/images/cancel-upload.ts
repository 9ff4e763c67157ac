import { resources } from '../aws/resources';
import { deleteJobs, findImage, setImageStatus } from '../db';
import { jobRefOf } from '../jobs/run-job';
import { deleteObjects } from '../storage';
import { processImageJob } from './process-image-job';
import { cancelUploadInput } from './schemas';

/** The failure code of an upload its owner stopped: no dead letter, no Retry, only Delete. */
export const CANCELLED_FAILURE_CODE = 'cancelled';
export const CANCELLED_REASON = 'Upload cancelled.';

/**
 * How a cancellation ended. cancelled: the record is failed and nothing of the upload is kept.
 * arrived: the bytes were already in and processing had started, so the photo goes on as uploaded.
 * missing: no such upload of this owner.
 */
export type CancelUploadResult = 'cancelled' | 'arrived' | 'missing';

/**
 * Settles an upload whose owner stopped it. The browser aborts its PUT, but the bytes may have landed
 * just before: its job is deleted first, so a delivery of that object finds nothing expecting it and
 * discards it (lib/jobs/run-job.ts), and the sweep never reports it as an upload that never came.
 * Then the record is failed with a sentence, and the original goes if it is there.
 */
export async function cancelUpload(userId: string, input: unknown): Promise<CancelUploadResult> {
  const { imageId } = cancelUploadInput.parse(input);
  const image = await findImage(userId, imageId);
  if (!image || image.deletingAt) return 'missing';
  // A run already took it: what it makes is the owner's photo, cancelled or not.
  if (image.status !== 'uploading') return 'arrived';
  await deleteJobs([jobRefOf(processImageJob, { userId, subjectId: imageId })]);
  const settled = await setImageStatus({ userId, imageId }, { status: 'failed', failureReason: CANCELLED_REASON, failureCode: CANCELLED_FAILURE_CODE });
  if (!settled) return 'missing';
  await deleteObjects(resources.uploadsBucket, [image.originalKey]);
  return 'cancelled';
}
