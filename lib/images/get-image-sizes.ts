import { findImage, type ImageItem } from '../db';
import { imageIdInput } from './schemas';
import { viewedVariant, type ViewedVariant } from './to-image';

/**
 * One of the owner's images as stored, with every variant's view link, presigned: what the API shows. getImage,
 * for the pages, also signs each variant's download link and the grid's thumbnail pair, which the
 * API never shows: twice the signing, on every request. Null for anyone else's, or for none.
 */
export async function getImageSizes(userId: string, imageId: unknown): Promise<{ image: ImageItem; sizes: ViewedVariant[] } | null> {
  const parsed = imageIdInput.safeParse(imageId);
  if (!parsed.success) return null;
  const image = await findImage(userId, parsed.data);
  return image ? { image, sizes: await Promise.all((image.variants ?? []).map((variant) => viewedVariant(variant, 'presigned'))) } : null;
}
