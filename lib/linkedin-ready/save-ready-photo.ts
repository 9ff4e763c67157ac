import { resources } from '../aws/resources';
import { findImage, findReadyPhoto, recordSavedReadyPhoto } from '../db';
import { addPhoto } from '../images/add-photo';
import { UPLOAD_CREATE_LIMIT } from '../images/limits';
import { imageIdInput } from '../images/schemas';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { copyObject } from '../storage';
import { UserError } from '../user-error';
import { ReadyResultSchema } from './schemas';

/**
 * "Use as my photo": the ready photo becomes a new photo of the owner's library, with its own sizes.
 * Its file is copied as the new photo's original, whose arrival starts processing as an upload's
 * does. Asking twice gives the same photo, while it exists.
 */
export async function saveReadyPhoto(userId: string, imageId: unknown, now = Date.now()): Promise<{ imageId: string }> {
  const id = imageIdInput.parse(imageId);
  const [image, ready] = await Promise.all([findImage(userId, id), findReadyPhoto({ userId, imageId: id })]);
  if (!image || image.deletingAt || !ready || ready.deletingAt) throw new UserError('That photo does not exist.');
  if (ready.status !== 'ready') throw new UserError('The LinkedIn-ready photo is not made yet.');
  if (ready.savedImageId) {
    const saved = await findImage(userId, ready.savedImageId);
    if (saved && !saved.deletingAt) return { imageId: saved.imageId };
  }
  const result = ReadyResultSchema.parse(ready.result);
  await enforceRateLimit(UPLOAD_CREATE_LIMIT, userId, (minutes) => `You have added a lot of photos in the last hour. Try again in ${inMinutes(minutes)}.`, now);
  const fileName = `${image.fileName.replace(/\.[^.]*$/, '')}-linkedin.jpg`;
  const saved = await addPhoto(userId, { fileName, declaredType: 'image/jpeg', declaredBytes: result.bytes }, now);
  await copyObject(resources.mediaBucket, result.key, saved.originalKey, resources.uploadsBucket);
  await recordSavedReadyPhoto({ userId, imageId: id }, saved.imageId);
  return { imageId: saved.imageId };
}
