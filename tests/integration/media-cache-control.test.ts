import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3Client } from '@/lib/aws/clients';
import { resources } from '@/lib/aws/resources';
import { updateWatermarkSettings } from '@/lib/images';
import { fixture, newUserId, uploadAsBrowser, waitFor, waitForSettled } from './helpers';
import { findWatermarkRerender } from '@/lib/db';
import { requestWatermarkRerender } from '@/lib/images/rerender-watermarks-request';

/*
 * Browsers keep a file under /media/ for as long as its stored Cache-Control says (docs/media-cdn.md):
 * a year, immutable, for a key whose bytes never change; asked about again each time for a key that is
 * written over in place (a watermarked copy, which share links read by its key).
 */

const cacheControlOf = async (key: string) => (await s3Client().send(new HeadObjectCommand({ Bucket: resources.mediaBucket, Key: key }))).CacheControl;

describe('the Cache-Control each file is stored with', () => {
  it('is a year, immutable, for the clean sizes; revalidated for the watermarked copies, which a new watermark writes over', async () => {
    const userId = newUserId();
    await updateWatermarkSettings(userId, { enabled: true, text: '© Cache Test', position: 'bottom-right', opacity: 1 });
    const { imageId } = await uploadAsBrowser(userId, await fixture('bench/flower-3mp.jpg'), 'flower.jpg', 'image/jpeg');
    const image = await waitForSettled(userId, imageId);
    expect(image.status).toBe('ready');
    const variants = image.variants!;
    expect(variants.some((variant) => variant.watermarked)).toBe(true);
    for (const variant of variants) {
      expect({ key: variant.key, cacheControl: await cacheControlOf(variant.key) }).toEqual({
        key: variant.key,
        cacheControl: variant.watermarked ? 'public, max-age=0, must-revalidate' : 'public, max-age=31536000, immutable',
      });
    }

    // A new watermark writes the same keys again, and they stay revalidated.
    await updateWatermarkSettings(userId, { enabled: true, text: '© Cache Test', position: 'top-left', opacity: 1 });
    await requestWatermarkRerender(userId);
    await waitFor('the watermark re-render', () => findWatermarkRerender(userId), (found) => found?.status === 'done' || found?.status === 'failed');
    for (const variant of variants.filter((candidate) => candidate.watermarked)) expect(await cacheControlOf(variant.key)).toBe('public, max-age=0, must-revalidate');
  });
});
