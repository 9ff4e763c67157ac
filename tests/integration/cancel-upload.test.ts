import { describe, expect, it, vi } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findImage, findJob } from '@/lib/db';
import { cancelUpload, createUpload, deleteImage } from '@/lib/images';
import { processImageJob } from '@/lib/images/process-image-job';
import { jobRefOf } from '@/lib/jobs/run-job';
import { headObject, originalKey } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/** Cancelling an upload from the browser: the PUT is aborted, and the record and the bucket are settled here. */
describe('cancel an upload', () => {
  it('fails the record with a sentence, drops its job, and lets the owner delete it like any failed photo', async () => {
    const userId = newUserId();
    const { imageId } = await createUpload(userId, { fileName: 'portrait.png', contentType: 'image/png', bytes: 1000 });

    expect(await cancelUpload(userId, { imageId })).toBe('cancelled');
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'failed', failureReason: 'Upload cancelled.', failureCode: 'cancelled' });
    // Nothing expects the original any more, so the sweep never reports an upload that never came.
    expect(await findJob(jobRefOf(processImageJob, { userId, subjectId: imageId }))).toBeNull();

    expect(await deleteImage(userId, imageId)).toBe(true);
    expect(await findImage(userId, imageId)).toBeNull();
  });

  it('removes bytes that land after the cancellation, and the photo stays cancelled', async () => {
    const userId = newUserId();
    const body = await fixture('faces/astronaut.png');
    const upload = await createUpload(userId, { fileName: 'astronaut.png', contentType: 'image/png', bytes: body.length });
    expect(await cancelUpload(userId, { imageId: upload.imageId })).toBe('cancelled');

    // The aborted PUT was already through: S3 announces it, and the run finds nothing expecting it.
    const response = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(body), headers: upload.headers });
    expect(response.status).toBe(200);
    await vi.waitFor(async () => expect(await headObject(resources.uploadsBucket, originalKey(userId, upload.imageId))).toBeNull(), { timeout: 15_000, interval: 100 });
    const image = await findImage(userId, upload.imageId);
    expect(image).toMatchObject({ status: 'failed', failureCode: 'cancelled' });
    expect(image?.variants).toBeUndefined();
  });

  it('ends consistent whichever comes first, the bytes or the cancellation', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    const outcome = await cancelUpload(userId, { imageId });

    const image = await waitForSettled(userId, imageId);
    const original = await headObject(resources.uploadsBucket, originalKey(userId, imageId));
    if (outcome === 'cancelled') {
      expect(image).toMatchObject({ status: 'failed', failureCode: 'cancelled' });
      await vi.waitFor(async () => expect(await headObject(resources.uploadsBucket, originalKey(userId, imageId))).toBeNull(), { timeout: 15_000 });
    } else {
      expect(outcome).toBe('arrived');
      expect(image.status).toBe('ready');
      expect(original).not.toBeNull();
    }
  });

  it('leaves a photo that already arrived alone', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    expect((await waitForSettled(userId, imageId)).status).toBe('ready');

    expect(await cancelUpload(userId, { imageId })).toBe('arrived');
    expect((await findImage(userId, imageId))?.status).toBe('ready');
    expect(await headObject(resources.uploadsBucket, originalKey(userId, imageId))).not.toBeNull();
  });

  it("cannot touch someone else's upload", async () => {
    const owner = newUserId();
    const { imageId } = await createUpload(owner, { fileName: 'a.png', contentType: 'image/png', bytes: 10 });

    expect(await cancelUpload(newUserId(), { imageId })).toBe('missing');
    expect((await findImage(owner, imageId))?.status).toBe('uploading');
    await expect(cancelUpload(owner, { imageId: '../../etc' })).rejects.toThrow(/Not an image id/);
  });
});
