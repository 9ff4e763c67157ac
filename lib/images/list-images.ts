import { z } from 'zod';
import { cursorInput, listImagesByOwner, type Page } from '../db';
import type { Image } from './schemas';
import type { MediaLinks } from '../storage';
import { toImage } from './to-image';

export const listImagesInput = z.object({
  cursor: cursorInput,
  limit: z.number().int().min(1).max(100).default(24),
});

/**
 * The owner's images, newest first, a page at a time, with when the read started: the grid keeps the
 * newer of this and a photo's own later read (readImageCards). Thumbnails link to the site's /media/ paths, or, for the API, presigned URLs.
 */
export async function listImages(userId: string, input: unknown = {}, links: MediaLinks = 'site'): Promise<Page<Image> & { readAt: number }> {
  const { cursor, limit } = listImagesInput.parse(input);
  const readAt = Date.now();
  const page = await listImagesByOwner(userId, { cursor, limit });
  return { items: await Promise.all(page.items.map((item) => toImage(item, { variants: 'thumbnail', links }))), cursor: page.cursor, readAt };
}
