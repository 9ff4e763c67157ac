import { findImage } from '../db';
import { imageIdInput } from '../images/schemas';
import type { ShareOptions } from './schemas';
import { defaultShareVariant, shareableVariants } from './share-variants';

// What the owner can share of one of their images; null for anyone else's image, or for none.
export async function getShareOptions(userId: string, imageId: unknown): Promise<ShareOptions | null> {
  const parsed = imageIdInput.safeParse(imageId);
  if (!parsed.success) return null;
  const image = await findImage(userId, parsed.data);
  if (!image) return null;
  const variants = image.status === 'ready' ? shareableVariants(image.variants ?? []) : [];
  return {
    imageId: image.imageId,
    variants: variants.map(({ name, width, height, watermarked, label }) => ({ name, width, height, watermarked, label })),
    defaultVariant: defaultShareVariant(variants)?.name ?? null,
  };
}
