import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { planVariants } from '@/lib/images/transform';
import { listKeys, mediaPrefix, originalKey, readObject } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/*
 * iPhone photos through the whole path: a presigned PUT to the emulated S3, its event, the
 * process-image job decoding the HEIC with libheif, every size written as WebP and JPEG.
 */
describe('an iPhone photo (HEIC) uploaded as the browser uploads it', () => {
  it('becomes ready with every size as WebP and JPEG, its original kept as uploaded', async () => {
    const userId = newUserId();
    const body = await fixture('formats/display-p3.heic');
    const { imageId, response } = await uploadAsBrowser(userId, body, 'IMG_0001.HEIC', 'image/heic');
    expect(response.status).toBe(200);

    const image = await waitForSettled(userId, imageId);
    expect(image).toMatchObject({ status: 'ready', format: 'heic', width: 320, height: 213, camera: { make: 'Headshot' } });
    const expected = planVariants(320, 213, false).flatMap(({ size }) => [`w${size}.jpeg`, `w${size}.webp`]);
    expect(image.variants!.map((v) => `${v.name}.${v.format}`).sort()).toEqual(expected.sort());
    for (const variant of image.variants!) {
      const stored = (await readObject(resources.mediaBucket, variant.key))!;
      expect(await sharp(stored.body).metadata()).toMatchObject({ format: variant.format, width: variant.width, height: variant.height });
    }

    const original = await readObject(resources.uploadsBucket, originalKey(userId, imageId));
    expect(original?.contentType).toBe('image/heic');
    expect(original?.body.equals(body)).toBe(true);
  });

  it('ends a HEIC cut off after its header failed, with a sentence, and keeps nothing of it', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('hostile/truncated-iphone.heic'), 'IMG_0002.HEIC', 'image/heic');

    const image = await waitForSettled(userId, imageId);
    expect(image).toMatchObject({ status: 'failed', failureCode: 'corrupt', failureReason: expect.stringMatching(/^The HEIC file is damaged or incomplete/) });
    expect(await readObject(resources.uploadsBucket, originalKey(userId, imageId))).toBeNull();
    expect(await listKeys(resources.mediaBucket, mediaPrefix(userId, imageId))).toEqual([]);
  });
});
