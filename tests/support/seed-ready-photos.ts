import { readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const SIZES = [256, 640] as const;

/**
 * `count` ready photos for a user, put straight into the table and the media bucket, so that a grid
 * of many photos costs no processing: each has the grid's two thumbnails (w256 and w640 WebP, cut from
 * a real photo, each of its own hue so no two files are alike), written as processing writes them
 * (lib/storage writeObject), and nothing else. The grid's first is the last made. Call once the
 * environment reaches the cloud (localCloudEnv, connectE2eCloud).
 */
export async function seedReadyPhotos(userId: string, count: number): Promise<string[]> {
  const sharp = (await import('sharp')).default;
  const { nanoid } = await import('nanoid');
  const { getDb } = await import('../../lib/db');
  const { resources } = await import('../../lib/aws/resources');
  const { originalKey, variantFileKey, writeObject } = await import('../../lib/storage');
  const source = await readFile(path.join(root, 'fixtures/faces/astronaut.png'));
  const now = Date.now();
  const imageIds: string[] = [];
  for (let n = 0; n < count; n++) {
    const imageId = nanoid(16);
    const variants = await Promise.all(
      SIZES.map(async (size) => {
        const { data, info } = await sharp(source).resize({ width: size }).modulate({ hue: (n * 15) % 360 }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
        const key = variantFileKey(userId, imageId, { name: `w${size}`, format: 'webp' });
        await writeObject(resources.mediaBucket, key, data, 'image/webp');
        return { name: `w${size}`, key, format: 'webp' as const, width: info.width, height: info.height, bytes: data.length, watermarked: false };
      }),
    );
    await getDb()
      .entities.image.put({
        userId,
        imageId,
        fileName: `seeded-${String(n + 1).padStart(2, '0')}.jpg`,
        declaredType: 'image/jpeg',
        declaredBytes: 100_000,
        originalKey: originalKey(userId, imageId),
        status: 'ready',
        format: 'jpeg',
        width: variants[1]!.width,
        height: variants[1]!.height,
        bytes: 100_000,
        placeholder: '#8899aa',
        variants,
        createdAt: now - (count - n) * 1000,
      })
      .go();
    imageIds.push(imageId);
  }
  return imageIds;
}
