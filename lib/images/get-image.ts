import { findImage } from '../db';
import { imageIdInput, type Image } from './schemas';
import { toImage } from './to-image';

// One of the owner's images; null for anyone else's, or for none.
export async function getImage(userId: string, imageId: unknown): Promise<Image | null> {
  const parsed = imageIdInput.safeParse(imageId);
  if (!parsed.success) return null;
  const item = await findImage(userId, parsed.data);
  return item ? toImage(item) : null;
}
