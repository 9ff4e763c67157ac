import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findImage } from '@/lib/db';
import { deleteImage, updateWatermarkSettings } from '@/lib/images';
import { listKeys } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

describe('deleting an image', () => {
  it('removes the record, the original and every variant, leaving no object of it in either bucket', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('bench/flower-3mp.jpg'), 'flower.jpg', 'image/jpeg');
    await waitForSettled(userId, imageId);
    const objectsOf = async () => [
      ...(await listKeys(resources.uploadsBucket, '')).filter((key) => key.includes(imageId)),
      ...(await listKeys(resources.mediaBucket, '')).filter((key) => key.includes(imageId)),
    ];
    expect((await objectsOf()).length).toBeGreaterThan(4);

    expect(await deleteImage(newUserId(), imageId)).toBe(false);
    expect(await deleteImage(userId, imageId)).toBe(true);
    expect(await objectsOf()).toEqual([]);
    expect(await findImage(userId, imageId)).toBeNull();
  });
});

describe('the owner’s watermark', () => {
  it('is applied to public copies only, while the private variants stay clean', async () => {
    const userId = newUserId();
    await updateWatermarkSettings(userId, { enabled: true, text: '© Test', position: 'bottom-right', opacity: 0.8 });
    const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    const image = await waitForSettled(userId, imageId);
    expect(image.status).toBe('ready');
    const publicCopies = image.variants!.filter((v) => v.watermarked);
    const clean = image.variants!.filter((v) => !v.watermarked);
    expect(publicCopies.length).toBeGreaterThan(0);
    expect(clean.some((v) => v.name === 'w256')).toBe(true);
    for (const copy of publicCopies) expect(copy.name).toMatch(/-public$/);
  });

  it('refuses settings a person could not see', async () => {
    await expect(updateWatermarkSettings(newUserId(), { enabled: true, text: 'x', position: 'bottom-right', opacity: 0.01 })).rejects.toThrow(/invisible/);
  });
});
