import { resources } from '../aws/resources';
import { deleteAnalysis, deleteImageRecord, findImage } from '../db';
import { analysisPrefix, deleteObjects, deletePrefix, mediaPrefix } from '../storage';
import { revokeLinksForImage } from '../links/revoke-links-for-image';
import { imageIdInput } from './schemas';

/**
 * Deletes an image and everything made from it. Objects go first and the record last, so a
 * failure halfway leaves the record to retry from rather than unreachable objects.
 */
export async function deleteImage(userId: string, imageId: unknown): Promise<boolean> {
  const id = imageIdInput.parse(imageId);
  const image = await findImage(userId, id);
  if (!image) return false;
  await revokeLinksForImage(userId, id);
  await deleteObjects(resources.uploadsBucket, [image.originalKey]);
  await deletePrefix(resources.mediaBucket, mediaPrefix(userId, id));
  await deletePrefix(resources.mediaBucket, analysisPrefix(userId, id));
  await deleteAnalysis({ userId, imageId: id });
  await deleteImageRecord({ userId, imageId: id });
  return true;
}
