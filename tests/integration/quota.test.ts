import { describe, expect, it } from 'vitest';
import { findImage, findStorageUsage, reserveStorage } from '@/lib/db';
import { cancelUpload, createUpload, deleteImage } from '@/lib/images';
import { processImageJob } from '@/lib/images/process-image-job';
import { sweepJobs } from '@/lib/jobs';
import { ARRIVAL_GRACE_MS } from '@/lib/jobs/retry-policy';
import { QuotaExceededError, STORAGE_QUOTA } from '@/lib/quota';
import { UPLOAD_URL_TTL_SECONDS } from '@/lib/storage';
import { newUserId, uploadAsBrowser, waitForSettled } from './helpers';

const PHOTO = { fileName: 'portrait.png', contentType: 'image/png', bytes: 1000 };

/** Ten upload URLs asked for at once, as a script or ten browser tabs would: how many were issued, and the refusals' sentences. */
async function raceForUploads(userId: string) {
  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => createUpload(userId, PHOTO)));
  const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
  for (const refusal of refusals) expect(refusal).toBeInstanceOf(QuotaExceededError);
  return { issued: outcomes.length - refusals.length, sentences: new Set(refusals.map((refusal) => refusal.message)) };
}

/** Point 3: a per-user quota of bytes and photos, taken atomically when an upload URL is issued and given back when the original goes. */
describe('storage quota', () => {
  it('issues upload URLs in parallel only while the bytes fit, and says how much is used and what to do', async () => {
    const userId = newUserId();
    // The account already holds all but room for three such photos.
    expect(await reserveStorage(userId, { bytes: STORAGE_QUOTA.bytes - 3 * PHOTO.bytes, photos: 1 }, STORAGE_QUOTA)).toBe(true);

    const { issued, sentences } = await raceForUploads(userId);
    expect(issued).toBe(3);
    expect([...sentences]).toEqual(['This 1000 B photo does not fit: 5.0 GB of 5.0 GB of storage are used. Delete photos you no longer need to make room, then upload again.']);
    expect(await findStorageUsage(userId)).toEqual({ bytes: STORAGE_QUOTA.bytes, photos: 4 });
  });

  it('issues upload URLs in parallel only while the photo count fits', async () => {
    const userId = newUserId();
    expect(await reserveStorage(userId, { bytes: 0, photos: STORAGE_QUOTA.photos - 2 }, STORAGE_QUOTA)).toBe(true);

    const { issued, sentences } = await raceForUploads(userId);
    expect(issued).toBe(2);
    expect([...sentences]).toEqual(['Your account already keeps 1,000 of 1,000 photos. Delete photos you no longer need to make room, then upload again.']);
    expect(await findStorageUsage(userId)).toEqual({ bytes: 2 * PHOTO.bytes, photos: STORAGE_QUOTA.photos });
  });

  it('gives the room back, once, when a photo is deleted, cancelled, refused or never arrives', async () => {
    const userId = newUserId();
    const uploadedLongAgo = Date.now() - UPLOAD_URL_TTL_SECONDS * 1000 - ARRIVAL_GRACE_MS - 60_000;
    const [deleted, cancelled, neverArrived] = await Promise.all([
      createUpload(userId, PHOTO),
      createUpload(userId, PHOTO),
      createUpload(userId, PHOTO, uploadedLongAgo),
    ]);
    const notAnImage = Buffer.from('not an image, but a PNG by name');
    const refused = await uploadAsBrowser(userId, notAnImage, 'fake.png', 'image/png');
    expect(await findStorageUsage(userId)).toEqual({ bytes: 3 * PHOTO.bytes + notAnImage.length, photos: 4 });

    expect(await deleteImage(userId, deleted.imageId)).toBe(true);
    expect(await deleteImage(userId, deleted.imageId)).toBe(false);
    expect(await cancelUpload(userId, { imageId: cancelled.imageId, reason: 'cancelled' })).toBe('settled');
    expect(await cancelUpload(userId, { imageId: cancelled.imageId, reason: 'cancelled' })).toBe('settled');
    expect((await waitForSettled(userId, refused.imageId)).status).toBe('failed');
    await sweepJobs(Date.now(), [processImageJob]);
    expect(await findImage(userId, neverArrived.imageId)).toMatchObject({ status: 'failed', failureCode: 'never-arrived' });

    expect(await findStorageUsage(userId)).toEqual({ bytes: 0, photos: 0 });
    // The failed photos stay listed with their reason, holding nothing; deleting them gives nothing back twice.
    await deleteImage(userId, cancelled.imageId);
    expect(await findStorageUsage(userId)).toEqual({ bytes: 0, photos: 0 });
  });
});
