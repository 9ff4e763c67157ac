import { z } from 'zod';
import { cursorInput, listImagesByOwner, type Page } from '../db';
import type { Image } from './schemas';
import { toImage } from './to-image';

export const listImagesInput = z.object({
  cursor: cursorInput,
  limit: z.number().int().min(1).max(100).default(24),
});

// The owner's images, newest first, a page at a time.
export async function listImages(userId: string, input: unknown = {}): Promise<Page<Image>> {
  const { cursor, limit } = listImagesInput.parse(input);
  const page = await listImagesByOwner(userId, { cursor, limit });
  return { items: await Promise.all(page.items.map((item) => toImage(item, { variants: 'thumbnail' }))), cursor: page.cursor };
}
