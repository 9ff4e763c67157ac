import { getImage } from './get-image';
import { readImageCardsInput, type ImageCardSnapshot } from './schemas';

/**
 * Cards of the owner's grid read again, each as the grid's list gives it (its thumbnail's links only),
 * with when the read started, so the grid keeps the newer of this and what it shows. A photo that is
 * gone, or is not the owner's, reads as null.
 */
export async function readImageCards(userId: string, input: unknown): Promise<ImageCardSnapshot[]> {
  const { imageIds } = readImageCardsInput.parse(input);
  const readAt = Date.now();
  return Promise.all(imageIds.map(async (imageId) => ({ imageId, image: await getImage(userId, imageId, { variants: 'thumbnail' }), readAt })));
}
