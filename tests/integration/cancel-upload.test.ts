import { describe, expect, it, vi } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { claimJob, findImage, findJob, markUploadAbandoned } from '@/lib/db';
import { cancelUpload, createUpload, deleteImage } from '@/lib/images';
import { processImageJob } from '@/lib/images/process-image-job';
import { jobTiming } from '@/lib/jobs';
import { jobRefOf } from '@/lib/jobs/run-job';
import { headObject, originalKey } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/** A run of the upload's job that has just claimed it, as runJob does before it shows the photo as processing. */
async function claimAsRun(userId: string, imageId: string) {
  const subject = { userId, subjectId: imageId };
  const now = Date.now();
  const { leaseMs } = jobTiming();
  expect(await claimJob(jobRefOf(processImageJob, subject), { eTag: 'run-etag', now, leaseUntil: now + leaseMs, dueAt: now + 2 * leaseMs })).toBe('claimed');
  return { showRunning: () => processImageJob.setStatus.running(subject) };
}

/** Giving an upload up from the browser, cancelled or failed: the PUT is over, and the record and the bucket are settled here. */
describe('cancel an upload', () => {
  it('fails the record with a sentence, drops its job, and lets the owner delete it like any failed photo', async () => {
    const userId = newUserId();
    const { imageId } = await createUpload(userId, { fileName: 'portrait.png', contentType: 'image/png', bytes: 1000 });

    expect(await cancelUpload(userId, { imageId })).toBe('settled');
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
    expect(await cancelUpload(userId, { imageId: upload.imageId, reason: 'cancelled' })).toBe('settled');

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
    if (outcome === 'settled') {
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
    expect(await cancelUpload(newUserId(), { imageId, reason: 'failed', httpStatus: 403 })).toBe('missing');
    expect((await findImage(owner, imageId))?.status).toBe('uploading');
    await expect(cancelUpload(owner, { imageId: '../../etc' })).rejects.toThrow(/Not an image id/);
    await expect(cancelUpload(owner, { imageId, reason: 'failed', httpStatus: 200 })).rejects.toThrow();
  });
});

/** The upload can be taken by a run at any moment before it is settled: exactly one of the two wins. */
describe('cancel an upload while a run takes it', () => {
  it('loses to a run that took the upload first: the photo goes on, and its job with it', async () => {
    const userId = newUserId();
    const { imageId } = await createUpload(userId, { fileName: 'portrait.png', contentType: 'image/png', bytes: 1000 });
    // Read as uploading a moment ago; a run claims it and shows it processing before the write.
    expect((await findImage(userId, imageId))?.status).toBe('uploading');
    const run = await claimAsRun(userId, imageId);
    expect(await run.showRunning()).toBe(true);

    // The write that expected 'uploading' does not apply...
    expect(await markUploadAbandoned({ userId, imageId }, { failureReason: 'Upload cancelled.', failureCode: 'cancelled' })).toBe(false);
    // ...and the cancellation says the photo arrived, leaving the run its record and its job.
    expect(await cancelUpload(userId, { imageId })).toBe('arrived');
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'processing' });
    expect(await findImage(userId, imageId)).not.toHaveProperty('failureCode');
    expect(await findJob(jobRefOf(processImageJob, { userId, subjectId: imageId }))).toMatchObject({ state: 'running' });
  });

  it('wins over a run that claimed the job but had not shown it yet: the run cannot bring it back', async () => {
    const userId = newUserId();
    const { imageId } = await createUpload(userId, { fileName: 'portrait.png', contentType: 'image/png', bytes: 1000 });
    const run = await claimAsRun(userId, imageId);

    expect(await cancelUpload(userId, { imageId })).toBe('settled');
    // runJob takes this as the subject being gone, and discards what it would write.
    expect(await run.showRunning()).toBe(false);
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'failed', failureCode: 'cancelled' });
  });
});

/** A PUT to storage that failed is settled at once like a cancellation, with its own sentence, instead of waiting for the sweep. */
describe('an upload whose PUT failed', () => {
  it('is failed with the reason storage gave, drops its job, and can be deleted', async () => {
    const userId = newUserId();
    const upload = await createUpload(userId, { fileName: 'a.png', contentType: 'image/png', bytes: 10 });
    // More bytes than were signed for: S3 refuses the PUT.
    const response = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(20), headers: upload.headers });
    expect(response.status).toBe(403);

    expect(await cancelUpload(userId, { imageId: upload.imageId, reason: 'failed', httpStatus: response.status })).toBe('settled');
    expect(await findImage(userId, upload.imageId)).toMatchObject({
      status: 'failed',
      failureReason: 'Upload failed: storage refused it (the upload link may have expired).',
      failureCode: 'upload-failed',
    });
    expect(await findJob(jobRefOf(processImageJob, { userId, subjectId: upload.imageId }))).toBeNull();
    expect(await headObject(resources.uploadsBucket, originalKey(userId, upload.imageId))).toBeNull();

    expect(await deleteImage(userId, upload.imageId)).toBe(true);
  });

  it.each([
    ['no answer', undefined, 'Upload failed: the connection was lost.'],
    ['HTTP 400', 400, 'Upload failed: the file did not arrive whole.'],
    ['HTTP 503', 503, 'Upload failed: storage was unavailable.'],
    ['HTTP 404', 404, 'Upload failed: storage refused it (HTTP 404).'],
  ])('says why in a sentence (%s)', async (_answer, httpStatus, sentence) => {
    const userId = newUserId();
    const { imageId } = await createUpload(userId, { fileName: 'a.png', contentType: 'image/png', bytes: 10 });
    expect(await cancelUpload(userId, { imageId, reason: 'failed', httpStatus })).toBe('settled');
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'failed', failureReason: sentence, failureCode: 'upload-failed' });
  });

  it('keeps a photo whose bytes went through though the browser saw the PUT fail', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    await vi.waitFor(async () => expect((await findImage(userId, imageId))?.status).not.toBe('uploading'), { timeout: 15_000, interval: 50 });

    expect(await cancelUpload(userId, { imageId, reason: 'failed' })).toBe('arrived');
    expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  });

  it('answers settled, and changes nothing, when the photo had already failed', async () => {
    const userId = newUserId();
    const { imageId } = await createUpload(userId, { fileName: 'a.png', contentType: 'image/png', bytes: 10 });
    expect(await cancelUpload(userId, { imageId })).toBe('settled');

    expect(await cancelUpload(userId, { imageId, reason: 'failed' })).toBe('settled');
    expect(await findImage(userId, imageId)).toMatchObject({ failureReason: 'Upload cancelled.', failureCode: 'cancelled' });
  });
});
