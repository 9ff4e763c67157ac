import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findImage, findJob, findSettings, findWatermarkRerender, type ImageItem, type ImageVariant, type WatermarkRerenderItem } from '@/lib/db';
import { findInconsistencies } from '@/lib/consistency';
import { deleteImage, updateWatermarkSettings } from '@/lib/images';
import { rerenderWatermarks } from '@/lib/images/rerender-watermarks';
import { rerenderWatermarksJob } from '@/lib/images/rerender-watermarks-job';
import { requestWatermarkRerender } from '@/lib/images/rerender-watermarks-request';
import { getWatermarkRerender } from '@/lib/images/rerender-watermarks-status';
import { getShareCopyNotice } from '@/lib/images/rerender-share-notice';
import { planVariants, renderWatermark, type EnabledWatermark, type Region } from '@/lib/images/transform';
import { jobRefOf, runJob, type JobKind, type RunOutcome } from '@/lib/jobs';
import { createLink, readSharedFile } from '@/lib/links';
import { headObject, listKeys, mediaPrefix, readObject, watermarkRequestKey, watermarkRequestPrefix, writeObject } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitFor, waitForSettled } from './helpers';
import { deleteOwnAccount } from '@/lib/account/delete-own-account';
import { findUserData, holdsUserData } from '@/lib/account/find-user-data';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/*
 * The rerender-watermarks job: through the local cloud (the request's S3 event, the bridge, the
 * function, the runner), and run by run from a bucket the bridge ignores, where the test decides
 * when each of its runs happens.
 */

const BOTTOM_RIGHT: EnabledWatermark = { enabled: true, text: '© Rerender Test', position: 'bottom-right', opacity: 1 };
const TOP_LEFT: EnabledWatermark = { enabled: true, text: '© Rerender Test', position: 'top-left', opacity: 1 };

async function uploadReady(userId: string, file: string, name: string, type: string): Promise<ImageItem> {
  const { imageId } = await uploadAsBrowser(userId, await fixture(file), name, type);
  const image = await waitForSettled(userId, imageId);
  expect(image.status).toBe('ready');
  return image;
}

async function waitForRerender(userId: string): Promise<WatermarkRerenderItem> {
  const item = await waitFor('the watermark re-render', () => findWatermarkRerender(userId), (found) => found?.status === 'done' || found?.status === 'failed');
  return item!;
}

const variantOf = (image: ImageItem, name: string, format: 'webp' | 'jpeg'): ImageVariant => image.variants!.find((v) => v.name === name && v.format === format)!;

/** The public sizes processing plans for a photo, as `-public` names. */
const publicNames = (image: ImageItem) => planVariants(image.width!, image.height!, image.animated ?? false).filter((size) => size.public).map((size) => `w${size.size}-public`);

/**
 * How much a public copy differs from the clean copy of its size (mean absolute difference per
 * channel, over the first frame) inside a region and outside it: a watermark there shows as a large
 * difference inside, and only one more encode's noise outside.
 */
async function differenceAround(image: ImageItem, publicName: string, region: Region): Promise<{ inside: number; outside: number }> {
  const pixels = async (key: string) =>
    sharp((await readObject(resources.mediaBucket, key))!.body)
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
  const [marked, clean] = await Promise.all([pixels(variantOf(image, publicName, 'webp').key), pixels(variantOf(image, publicName.replace(/-public$/, ''), 'webp').key)]);
  const { width, channels } = marked.info;
  const height = variantOf(image, publicName, 'webp').height;
  const sums = { inside: [0, 0], outside: [0, 0] };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const within = x >= region.left && x < region.left + region.width && y >= region.top && y < region.top + region.height;
      const sum = within ? sums.inside : sums.outside;
      for (let c = 0; c < channels; c++) {
        const at = (y * width + x) * channels + c;
        sum[0]! += Math.abs(marked.data[at]! - clean.data[at]!);
        sum[1]! += 1;
      }
    }
  }
  return { inside: sums.inside[0]! / sums.inside[1]!, outside: sums.outside[0]! / sums.outside[1]! };
}

async function regionOf(image: ImageItem, publicName: string, settings: EnabledWatermark): Promise<Region> {
  const { width, height } = variantOf(image, publicName, 'webp');
  return (await renderWatermark({ width, height }, settings)).region;
}

async function expectMarkedAt(image: ImageItem, settings: EnabledWatermark, elsewhere?: EnabledWatermark): Promise<void> {
  for (const name of publicNames(image)) {
    const there = await differenceAround(image, name, await regionOf(image, name, settings));
    expect(there.inside, `${image.fileName} ${name}`).toBeGreaterThan(20);
    expect(there.outside, `${image.fileName} ${name}`).toBeLessThan(4);
    if (elsewhere) expect((await differenceAround(image, name, await regionOf(image, name, elsewhere))).inside, `${image.fileName} ${name}`).toBeLessThan(4);
  }
}

async function userInconsistencies(userId: string) {
  return (await findInconsistencies()).filter((found) => found.key.includes(userId));
}

describe('applying the watermark to photos that already exist', () => {
  it('re-renders the watermarked copies of older photos: a link made then serves one, and taking it off again leaves links as they were', async () => {
    const userId = newUserId();
    // A 3-MP photo (two public sizes, w640 and w1280) and an animation (one, w640, every frame).
    const photos = [await uploadReady(userId, 'bench/flower-3mp.jpg', 'flower.jpg', 'image/jpeg'), await uploadReady(userId, 'formats/animated.gif', 'animated.gif', 'image/gif')];
    for (const photo of photos) expect(photo.variants!.some((v) => v.watermarked)).toBe(false);
    const cleanLink = await createLink(userId, { imageId: photos[0]!.imageId });
    expect(cleanLink.watermarked).toBe(false);

    await updateWatermarkSettings(userId, BOTTOM_RIGHT);
    expect(await getWatermarkRerender(userId)).toMatchObject({ state: 'none', action: 'apply', offer: true });
    await requestWatermarkRerender(userId);
    // Asking again while it is queued or running starts nothing more.
    await requestWatermarkRerender(userId);
    expect(await waitForRerender(userId)).toMatchObject({ status: 'done', photosDone: 2, photosTotal: 2 });
    expect(await getWatermarkRerender(userId)).toMatchObject({ state: 'done', action: 'apply', offer: false });
    expect(await getShareCopyNotice(userId, photos[0]!.imageId)).toBeNull();

    const updated = await Promise.all(photos.map((photo) => findImage(userId, photo.imageId)));
    for (const image of updated) {
      const marked = image!.variants!.filter((v) => v.watermarked);
      expect(marked.map((v) => `${v.name}.${v.format}`).sort()).toEqual(publicNames(image!).flatMap((name) => [`${name}.jpeg`, `${name}.webp`]).sort());
      for (const variant of marked) expect(await headObject(resources.mediaBucket, variant.key), variant.key).not.toBeNull();
      await expectMarkedAt(image!, BOTTOM_RIGHT);
    }
    // The animation stays one: its watermarked WebP has every frame.
    const animation = updated[1]!;
    const frames = await sharp((await readObject(resources.mediaBucket, variantOf(animation, publicNames(animation)[0]!, 'webp').key))!.body, { animated: true }).metadata();
    expect(frames.pages).toBeGreaterThan(1);

    // A link made now shows the watermarked copy; the one made before keeps the clean copy it showed.
    const markedLink = await createLink(userId, { imageId: photos[0]!.imageId });
    expect(markedLink).toMatchObject({ watermarked: true, variant: expect.stringMatching(/-public$/) });
    const served = await readSharedFile(markedLink.code, 'photo.jpg');
    expect(served.state === 'active' && served.body).toEqual((await readObject(resources.mediaBucket, variantOf(updated[0]!, markedLink.variant, 'jpeg').key))!.body);
    const old = await readSharedFile(cleanLink.code, 'photo.jpg');
    expect(old.state === 'active' && old.body).toEqual((await readObject(resources.mediaBucket, variantOf(updated[0]!, cleanLink.variant, 'jpeg').key))!.body);

    // Off again: new links are clean; the watermarked link keeps its copy, which goes with the photo.
    await updateWatermarkSettings(userId, { enabled: false });
    expect(await getWatermarkRerender(userId)).toMatchObject({ state: 'done', action: 'remove', offer: true });
    await requestWatermarkRerender(userId);
    expect(await waitForRerender(userId)).toMatchObject({ status: 'done', photosDone: 2 });
    for (const photo of photos) expect((await findImage(userId, photo.imageId))!.variants!.some((v) => v.watermarked)).toBe(false);
    expect((await createLink(userId, { imageId: photos[0]!.imageId })).watermarked).toBe(false);
    const kept = await readSharedFile(markedLink.code, 'photo.jpg');
    expect(kept.state === 'active' && kept.body).toEqual(served.state === 'active' && served.body);

    expect(await userInconsistencies(userId)).toEqual([]);
  });

  it('hands over to a new run when out of time, starts over when the settings change meanwhile (the latest win), and passes over a photo deleted meanwhile', async () => {
    const userId = newUserId();
    const photos: ImageItem[] = [];
    for (const [file, name] of [['nofaces/coffee.png', 'coffee.png'], ['nofaces/chelsea.png', 'chelsea.png'], ['faces/astronaut.png', 'astronaut.png']] as const) {
      photos.push(await uploadReady(userId, file, name, 'image/png'));
    }
    await updateWatermarkSettings(userId, TOP_LEFT);

    // Its runs are delivered here, one at a time, each out of time after its first photo.
    const kind: JobKind = { ...rerenderWatermarksJob, bucket: () => UNROUTED_BUCKET };
    const key = watermarkRequestKey(userId);
    const current = async () => ({ bucket: UNROUTED_BUCKET, key, eTag: (await headObject(UNROUTED_BUCKET, key))!.eTag, size: 0 });
    const runPart = async (object: Awaited<ReturnType<typeof current>>) => runJob(kind, (run) => rerenderWatermarks(run, { deadline: 0, kind }), object);

    await requestWatermarkRerender(userId, { kind });
    const first = await current();
    // The run's outcome is its hand-over: the job is queued again, for the request's next part.
    expect(await runPart(first)).toBe('superseded');
    expect(await findWatermarkRerender(userId)).toMatchObject({ status: 'running', photosDone: 1, photosTotal: 3 });
    expect(await findJob(jobRefOf(kind, { userId, subjectId: userId }))).toMatchObject({ state: 'queued' });
    // Newest first: the last upload has the mark, the others not yet; the share form knows which.
    await expectMarkedAt((await findImage(userId, photos[2]!.imageId))!, TOP_LEFT);
    expect((await findImage(userId, photos[0]!.imageId))!.variants!.some((v) => v.watermarked)).toBe(false);
    expect(await getShareCopyNotice(userId, photos[2]!.imageId)).toMatchObject({ photoUpdated: true, photosDone: 1, photosTotal: 3 });
    expect(await getShareCopyNotice(userId, photos[0]!.imageId)).toMatchObject({ photoUpdated: false });
    // The first part delivered again finds its request written over by the next: nothing runs twice.
    expect(await runPart(first)).toBe('stale');
    // A link made now of the photo it did shows its watermarked copy, and will show the new one.
    const early = await createLink(userId, { imageId: photos[2]!.imageId });
    expect(early.watermarked).toBe(true);
    const earlyCard = await readSharedFile(early.code, 'card.jpg');

    await updateWatermarkSettings(userId, BOTTOM_RIGHT);
    await deleteImage(userId, photos[1]!.imageId);
    const outcomes: RunOutcome[] = [];
    while (outcomes.at(-1) !== 'done' && outcomes.length < 10) outcomes.push(await runPart(await current()));
    expect(outcomes.at(-1)).toBe('done');

    const settings = await findSettings(userId);
    expect(await findWatermarkRerender(userId)).toMatchObject({ status: 'done', settingsSavedAt: settings!.updatedAt, photosDone: 2, photosTotal: 2 });
    for (const photo of [photos[0]!, photos[2]!]) await expectMarkedAt((await findImage(userId, photo.imageId))!, BOTTOM_RIGHT, TOP_LEFT);
    // The link made in between serves the copy made with the latest settings, and its card was drawn again.
    const newest = (await findImage(userId, photos[2]!.imageId))!;
    const shown = await readSharedFile(early.code, 'photo.webp');
    expect(shown.state === 'active' && shown.body).toEqual((await readObject(resources.mediaBucket, variantOf(newest, early.variant, 'webp').key))!.body);
    const card = await readSharedFile(early.code, 'card.jpg');
    expect(card.state === 'active' && earlyCard.state === 'active' && card.body.equals(earlyCard.body)).toBe(false);
    expect(await listKeys(resources.mediaBucket, mediaPrefix(userId, photos[1]!.imageId))).toEqual([]);
    expect(await userInconsistencies(userId)).toEqual([]);
  });

  it('two runs of one request at once (as when a delivery takes over a stalled run) both end, agreeing on the latest settings, which every photo has', async () => {
    const userId = newUserId();
    const photos: ImageItem[] = [];
    for (const [file, name, type] of [
      ['nofaces/coffee.png', 'coffee.png', 'image/png'],
      ['nofaces/chelsea.png', 'chelsea.png', 'image/png'],
      ['faces/astronaut.png', 'astronaut.png', 'image/png'],
      ['bench/flower-3mp.jpg', 'flower.jpg', 'image/jpeg'],
    ] as const) {
      photos.push(await uploadReady(userId, file, name, type));
    }
    await updateWatermarkSettings(userId, BOTTOM_RIGHT);
    const kind: JobKind = { ...rerenderWatermarksJob, bucket: () => UNROUTED_BUCKET };
    await requestWatermarkRerender(userId, { kind });
    const key = watermarkRequestKey(userId);
    const stored = (await readObject(UNROUTED_BUCKET, key))!;
    const run = { subject: { userId, subjectId: userId }, object: { bucket: UNROUTED_BUCKET, key, eTag: stored.eTag, size: stored.body.length }, body: stored.body, now: Date.now() };

    // The first run starts its pass; the settings change; a second run of the same request starts over with them, and the first follows.
    const first = rerenderWatermarks(run, { kind });
    await waitFor('the first pass', () => findWatermarkRerender(userId), (item) => (item?.photosTotal ?? 0) > 0, 10_000);
    await updateWatermarkSettings(userId, TOP_LEFT);
    const second = rerenderWatermarks(run, { kind });
    expect(await Promise.all([first, second])).toEqual([{ status: 'done' }, { status: 'done' }]);

    const settings = await findSettings(userId);
    expect(await findWatermarkRerender(userId)).toMatchObject({ status: 'done', settingsSavedAt: settings!.updatedAt });
    for (const photo of photos) await expectMarkedAt((await findImage(userId, photo.imageId))!, TOP_LEFT, BOTTOM_RIGHT);
  });

  it('its kind: reads only its own keys, shows a failure to the owner, removes its requests when discarded, and goes with the account', async () => {
    const userId = newUserId();
    await expect(requestWatermarkRerender(userId)).rejects.toThrow('Save your watermark settings first.');
    const subject = { userId, subjectId: userId };
    expect(rerenderWatermarksJob.parseKey(watermarkRequestKey(userId))).toEqual(subject);
    expect(rerenderWatermarksJob.parseKey(`${watermarkRequestPrefix(userId)}other.json`)).toBeNull();
    expect(await rerenderWatermarksJob.setStatus.running(subject)).toBe(false);

    // No photos older than the settings: done at once, and nothing to offer again.
    await updateWatermarkSettings(userId, BOTTOM_RIGHT);
    await requestWatermarkRerender(userId);
    expect(await waitForRerender(userId)).toMatchObject({ status: 'done', photosDone: 0, photosTotal: 0 });
    expect(await getWatermarkRerender(userId)).toMatchObject({ state: 'done', offer: false });
    expect(await rerenderWatermarksJob.setStatus.failed(subject, { reason: 'It kept failing.', code: 'dead-letter' })).toBe(true);
    expect(await getWatermarkRerender(userId)).toMatchObject({ state: 'failed', failureReason: 'It kept failing.', offer: false });

    // Deleting the account takes the re-render, its request and its rate-limit counter with everything else.
    const before = await findUserData(userId);
    expect(before.objects.map((object) => object.key)).toContain(watermarkRequestKey(userId));
    expect(before.items.map((item) => item.entity)).toEqual(expect.arrayContaining(['watermarkRerender', 'job', 'rateLimitWindow']));
    await deleteOwnAccount(userId, { email: 'leaving@example.com', local: false, clerk: false }, { email: 'leaving@example.com' });
    const after = await waitFor('the deletion', () => findUserData(userId), (report) => !holdsUserData(report));
    expect(after).toMatchObject({ objects: [], items: [] });

    const other = newUserId();
    await writeObject(resources.mediaBucket, `${watermarkRequestPrefix(other)}stray.json`, Buffer.from('{}'), 'application/json');
    await rerenderWatermarksJob.discard({ userId: other, subjectId: other });
    expect(await listKeys(resources.mediaBucket, watermarkRequestPrefix(other))).toEqual([]);
  });
});
