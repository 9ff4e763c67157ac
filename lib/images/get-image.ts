import { findImage } from '../db';
import { imageIdInput, type Image } from './schemas';
import { toImage, type ImageView } from './to-image';

/** One of the owner's images; null for anyone else's, or for none. A grid card asks for its thumbnail's links only, as the grid's list does. */
export async function getImage(userId: string, imageId: unknown, options: ImageView = { variants: 'all' }): Promise<Image | null> {
  const parsed = imageIdInput.safeParse(imageId);
  if (!parsed.success) return null;
  const item = await findImage(userId, parsed.data);
  return item ? toImage(item, options) : null;
}
