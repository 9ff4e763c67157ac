import PQueue from 'p-queue';
import { deleteImage } from './delete-image';
import { deleteImagesInput } from './schemas';

/** Deletions at once: each is a dozen S3 and DynamoDB calls, so a few overlap well without crowding the table. */
const CONCURRENT_DELETIONS = 4;

/**
 * Deletes several of the owner's images, each exactly as deleting it alone does. Ids that are not
 * the owner's, or already gone, are counted out, not refused: a second click deletes nothing twice.
 */
export async function deleteImages(userId: string, input: unknown): Promise<{ deleted: number }> {
  const { imageIds } = deleteImagesInput.parse(input);
  const queue = new PQueue({ concurrency: CONCURRENT_DELETIONS });
  const outcomes = await queue.addAll(imageIds.map((imageId) => () => deleteImage(userId, imageId)));
  return { deleted: outcomes.filter(Boolean).length };
}
