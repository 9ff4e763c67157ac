import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findImage } from '@/lib/db';
import { createUpload } from '@/lib/images';
import { MAX_UPLOAD_BYTES } from '@/lib/images/transform/limits';
import { headObject, listKeys, mediaPrefix, originalKey } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

describe('upload → S3 event → process-image → record', () => {
  it('turns a real photo into a ready record with a thumbnail in the media bucket', async () => {
    const userId = newUserId();
    const { imageId, response } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    expect(response.status).toBe(200);

    const image = await waitForSettled(userId, imageId);
    expect(image.status).toBe('ready');
    expect(image).toMatchObject({ format: 'png', width: 512, height: 512 });
    const thumbnail = image.variants?.find((v) => v.name === 'w256' && v.format === 'webp');
    expect(thumbnail).toMatchObject({ width: 256, height: 256 });
    expect(await headObject(resources.mediaBucket, thumbnail!.key)).not.toBeNull();
  });

  it('ends a text file renamed .jpg as failed, with a reason, and removes the original', async () => {
    const userId = newUserId();
    const text = Buffer.from('These are not the pixels you are looking for.\n'.repeat(20));
    const { imageId } = await uploadAsBrowser(userId, text, 'holiday.jpg', 'image/jpeg');

    const image = await waitForSettled(userId, imageId);
    expect(image.status).toBe('failed');
    expect(image.failureReason).toMatch(/isn't an image we can use/);
    expect(await headObject(resources.uploadsBucket, originalKey(userId, imageId))).toBeNull();
    expect(await listKeys(resources.mediaBucket, mediaPrefix(userId, imageId))).toEqual([]);
  });

  it('refuses to start an upload over the size limit', async () => {
    await expect(createUpload(newUserId(), { fileName: 'huge.jpg', contentType: 'image/jpeg', bytes: MAX_UPLOAD_BYTES + 1 })).rejects.toThrow(/limited to 25 MB/);
  });

  it('has S3 refuse a body larger than the size that was signed', async () => {
    const userId = newUserId();
    const upload = await createUpload(userId, { fileName: 'a.png', contentType: 'image/png', bytes: 10 });
    const response = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(20), headers: upload.headers });
    expect(response.status).toBe(403);
    expect(await headObject(resources.uploadsBucket, originalKey(userId, upload.imageId))).toBeNull();
    expect((await findImage(userId, upload.imageId))?.status).toBe('uploading');
  });

  it('refuses a presigned URL whose key was tampered with', async () => {
    const upload = await createUpload(newUserId(), { fileName: 'a.png', contentType: 'image/png', bytes: 4 });
    const tampered = upload.url.replace(/uploads\/usr_[^/]+\//, 'uploads/usr_someoneelse00/');
    expect(tampered).not.toBe(upload.url);
    const response = await fetch(tampered, { method: 'PUT', body: new Uint8Array(4), headers: upload.headers });
    expect(response.status).toBe(403);
  });
});
