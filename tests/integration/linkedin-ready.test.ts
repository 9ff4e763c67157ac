import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findImage, findReadyPhoto, type ReadyPhotoItem } from '@/lib/db';
import { deleteImage } from '@/lib/images';
import { getReadyPhoto } from '@/lib/linkedin-ready/get-ready-photo';
import { requestReadyPhoto } from '@/lib/linkedin-ready/request-ready-photo';
import { saveReadyPhoto } from '@/lib/linkedin-ready/save-ready-photo';
import { listKeys } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/* The make-linkedin-ready job through the local cloud: the request's S3 event, the bridge, the function, the runner. */

async function waitForReady(userId: string, imageId: string, timeoutMs = 90_000): Promise<ReadyPhotoItem> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const item = await findReadyPhoto({ userId, imageId });
    if (item?.status === 'ready' || item?.status === 'failed') return item;
    if (Date.now() > deadline) throw new Error(`ready photo still ${item?.status ?? 'missing'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the LinkedIn-ready photo', () => {
  it('is made from a portrait with the background asked for, scored again, saved as a photo of its own, and goes with the photo', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('portraits/jesper.jpg'), 'jesper.jpg', 'image/jpeg');
    expect((await waitForSettled(userId, imageId)).status).toBe('ready');

    await requestReadyPhoto(userId, { imageId, options: { background: { kind: 'colour', colour: '#dbeafe' } } });
    expect((await waitForReady(userId, imageId)).status).toBe('ready');

    const view = (await getReadyPhoto(userId, imageId))!;
    expect(view.options).toEqual({ background: { kind: 'colour', colour: '#dbeafe' } });
    // Shown from its /media/ path (the media stand-in serves it, e2e/linkedin-ready.spec.ts); its bytes, through the download link.
    expect(view.result!.url).toMatch(new RegExp(`^/media/${userId}/images/${imageId}/linkedin-ready/[^/]+\\.jpg$`));
    const file = Buffer.from(await (await fetch(view.result!.downloadUrl)).arrayBuffer());
    const meta = await sharp(file).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: view.result!.width, height: view.result!.width });
    expect(meta.width).toBeGreaterThanOrEqual(400);
    expect(meta.exif).toBeUndefined();
    const { before, after, notes } = view.outcome!;
    // The same check on both; a lower score always comes with the reason.
    if (after.score < before.score) expect(notes.some((note) => note.includes('lower'))).toBe(true);
    expect(after.checks.find((check) => check.id === 'one-face')?.status).toBe('pass');
    // Another user sees nothing of it, and cannot ask for one.
    expect(await getReadyPhoto(newUserId(), imageId)).toBeNull();
    await expect(requestReadyPhoto(newUserId(), { imageId, options: { background: { kind: 'blur' } } })).rejects.toThrow('does not exist');

    // "Use as my photo": a new photo in the library, processed like an upload; asking twice gives the same one.
    const saved = await saveReadyPhoto(userId, imageId);
    expect(await saveReadyPhoto(userId, imageId)).toEqual(saved);
    const photo = await waitForSettled(userId, saved.imageId);
    expect(photo).toMatchObject({ status: 'ready', fileName: 'jesper-linkedin.jpg', width: view.result!.width, height: view.result!.width });

    // Deleting the photo takes its ready version and request with it; the saved copy is a photo of its own.
    await deleteImage(userId, imageId);
    expect(await findReadyPhoto({ userId, imageId })).toBeNull();
    expect((await listKeys(resources.mediaBucket, '')).filter((key) => key.includes(imageId))).toEqual([]);
    expect((await findImage(userId, saved.imageId))?.status).toBe('ready');
  });

  it('ends failed with a sentence for a photo without a face', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('nofaces/coffee.png'), 'coffee.png', 'image/png');
    await waitForSettled(userId, imageId);
    await requestReadyPhoto(userId, { imageId, options: { background: { kind: 'keep' } } });
    const failed = await waitForReady(userId, imageId);
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'not-suitable' });
    expect(failed.failureReason).toMatch(/face/i);
  });

  it('refuses a background colour that is not one, before anything is queued', async () => {
    const userId = newUserId();
    await expect(requestReadyPhoto(userId, { imageId: 'AAAAAAAAAAAAAAAA', options: { background: { kind: 'colour', colour: 'red; drop' } } })).rejects.toThrow();
    expect(await findReadyPhoto({ userId, imageId: 'AAAAAAAAAAAAAAAA' })).toBeNull();
  });
});
