import { nanoid } from 'nanoid';
import { insertImage, type ImageItem } from '../db';
import { expectJob } from '../jobs/expect-job';
import { releaseReservation, reserveQuota } from '../quota';
import { originalKey } from '../storage';
import { processImageJob } from './process-image-job';

/**
 * Adds a photo to its owner's library before its original is written (an upload URL issued, a file
 * copied in): counts it against their storage quota, or refuses it with a sentence; expects its
 * processing, so an original that never comes is still settled; and records it as uploading, holding
 * its share of the quota until its original is gone for good (lib/quota/release-quota.ts). Everything
 * that adds photos goes through here, so none adds one past the quota.
 */
export async function addPhoto(userId: string, photo: { fileName: string; declaredType: string; declaredBytes: number }, now: number): Promise<ImageItem> {
  await reserveQuota(userId, photo.declaredBytes);
  const imageId = nanoid(16);
  const key = originalKey(userId, imageId);
  try {
    await expectJob(processImageJob, { userId, subjectId: imageId }, key, now);
    return await insertImage({ userId, imageId, ...photo, originalKey: key, quotaBytes: photo.declaredBytes });
  } catch (error) {
    // Nothing will write the original, so nothing would ever give the reservation back.
    await releaseReservation(userId, photo.declaredBytes);
    throw error;
  }
}
