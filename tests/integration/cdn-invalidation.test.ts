import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestAccountDeletion } from '@/lib/account/request-account-deletion';
import { findUserData, holdsUserData } from '@/lib/account/find-user-data';
import { MAX_PATHS_PER_INVALIDATION, requestInvalidation } from '@/lib/cdn';
import { findWatermarkRerender, listJobsInFlight } from '@/lib/db';
import { deleteImage, updateWatermarkSettings } from '@/lib/images';
import { requestWatermarkRerender } from '@/lib/images/rerender-watermarks-request';
import { createLink, revokeLink, sharedFilePaths } from '@/lib/links';
import { SOCKET_ADDRESS_HEADER } from '@/lib/security/client-address';
import { GET } from '@/app/s/[code]/[file]/route';
import { fixture, invalidatedPaths, newUserId, uploadAsBrowser, waitFor, waitForSettled } from './helpers';

/*
 * A link's files leave the CDN when the link ends: revoked, its photo deleted, its account deleted.
 * Each asks for one invalidate-cdn job, which the bridge runs as SQS would, and which calls
 * CloudFront's stand-in (local/cloudfront-stub.ts) with the function's own client. What the stand-in
 * received is read back through CloudFront's own API (ListInvalidations, GetInvalidation), as an
 * operator would with the AWS CLI.
 */

/** The invalidations that name any of these links' paths, once `count` have arrived. */
async function invalidationsOf(codes: string[], count = 1): Promise<string[][]> {
  const ofCodes = (paths: string[]) => paths.some((path) => codes.some((code) => path.startsWith(`/s/${code}/`)));
  return waitFor('an invalidation of the links', async () => (await invalidatedPaths()).filter(ofCodes), (found) => found.length >= count, 30_000);
}

const sorted = (paths: string[]) => [...paths].sort();

/** GET /s/{code}/{file} through the site's route handler, from an address of its own. */
function fetchSharedFile(code: string, file: string) {
  const request = new Request(`http://localhost/s/${code}/${file}`, { headers: { [SOCKET_ADDRESS_HEADER]: `203.0.113.${Math.floor(Math.random() * 250) + 1}` } });
  return GET(request as never, { params: Promise.resolve({ code, file }) });
}

async function readyPhotos(userId: string, count: number): Promise<string[]> {
  const astronaut = await fixture('faces/astronaut.png');
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const { imageId } = await uploadAsBrowser(userId, await sharp(astronaut).rotate(index * 90).png().toBuffer(), `astronaut-${index}.png`, 'image/png');
    expect((await waitForSettled(userId, imageId)).status).toBe('ready');
    ids.push(imageId);
  }
  return ids;
}

let owner: { userId: string; imageIds: string[] };
beforeAll(async () => {
  const userId = newUserId();
  owner = { userId, imageIds: await readyPhotos(userId, 2) };
}, 120_000);

describe('a shared file at the edge', () => {
  it('is cacheable at CloudFront for an hour, and by browsers for a minute, but never past the link’s expiry', async () => {
    const lasting = await createLink(owner.userId, { imageId: owner.imageIds[0], expiry: 'never', allowDownload: true });
    for (const file of ['photo.webp', 'photo.jpg', 'download.jpg', 'card.jpg']) {
      const response = await fetchSharedFile(lasting.code, file);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=3600');
    }
    const now = Date.now();
    const hourly = await createLink(owner.userId, { imageId: owner.imageIds[0], expiry: '1h' }, { now: now - 40 * 60_000 });
    const cacheControl = (await fetchSharedFile(hourly.code, 'photo.webp')).headers.get('cache-control')!;
    const edgeSeconds = Number(/s-maxage=(\d+)/.exec(cacheControl)?.[1]);
    // 20 minutes were left when it was served: no edge keeps it longer.
    expect(edgeSeconds).toBeGreaterThan(19 * 60 - 5);
    expect(edgeSeconds).toBeLessThanOrEqual(20 * 60);
  });
});

describe('a new watermark removes its links’ files from the CDN', () => {
  it('re-rendered: one invalidation with the paths of every link to the photo, whose files changed under the same paths', async () => {
    const userId = newUserId();
    const [photo] = await readyPhotos(userId, 1);
    await updateWatermarkSettings(userId, { enabled: true, text: '© Edge Test', position: 'bottom-right', opacity: 1 });
    await requestWatermarkRerender(userId);
    await waitFor('the first watermark', () => findWatermarkRerender(userId), (found) => found?.status === 'done');
    const link = await createLink(userId, { imageId: photo! });
    const before = Buffer.from(await (await fetchSharedFile(link.code, 'photo.webp')).arrayBuffer());

    // Moved: the link's photo is drawn again, at the same path an edge may hold.
    await updateWatermarkSettings(userId, { enabled: true, text: '© Edge Test', position: 'top-left', opacity: 1 });
    await requestWatermarkRerender(userId);
    await waitFor('the second watermark', () => findWatermarkRerender(userId), (found) => found?.status === 'done');
    const [invalidation, ...more] = await invalidationsOf([link.code]);
    expect(more).toEqual([]);
    expect(sorted(invalidation!)).toEqual(sorted([`/s/${link.code}/photo.webp`, `/s/${link.code}/photo.jpg`, `/s/${link.code}/download.jpg`, `/s/${link.code}/card.jpg`]));
    expect(Buffer.from(await (await fetchSharedFile(link.code, 'photo.webp')).arrayBuffer()).equals(before)).toBe(false);
  });
});

describe('ending a link removes exactly its files from the CDN', () => {
  it('revoked: the origin refuses its files at once, and one invalidation names its four paths and nothing else', async () => {
    const link = await createLink(owner.userId, { imageId: owner.imageIds[0] });
    const other = await createLink(owner.userId, { imageId: owner.imageIds[0] });
    expect((await fetchSharedFile(link.code, 'photo.webp')).status).toBe(200);

    expect(await revokeLink(owner.userId, { code: link.code })).toBe(true);
    for (const file of ['photo.webp', 'photo.jpg', 'download.jpg', 'card.jpg']) {
      const refused = await fetchSharedFile(link.code, file);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('cache-control')).toBe('private, no-store');
    }
    expect((await fetchSharedFile(other.code, 'photo.webp')).status).toBe(200);

    const [invalidation, ...more] = await invalidationsOf([link.code, other.code]);
    expect(more).toEqual([]);
    expect(sorted(invalidation!)).toEqual(sorted([`/s/${link.code}/photo.webp`, `/s/${link.code}/photo.jpg`, `/s/${link.code}/download.jpg`, `/s/${link.code}/card.jpg`]));
    // Done, and forgotten: no job and no request left of it.
    await waitFor('the invalidation job to be forgotten', () => listJobsInFlight(owner.userId, 'invalidate-cdn'), (jobs) => jobs.length === 0);
    // A second revoke changes nothing, and asks for nothing more.
    expect(await revokeLink(owner.userId, { code: link.code })).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await invalidationsOf([link.code])).toHaveLength(1);
  });

  it('its photo deleted: one invalidation with the paths of every link to it, and none of another photo’s', async () => {
    const userId = newUserId();
    const [doomed, kept] = await readyPhotos(userId, 2);
    const first = await createLink(userId, { imageId: doomed });
    const second = await createLink(userId, { imageId: doomed, allowDownload: true });
    const untouched = await createLink(userId, { imageId: kept });

    expect(await deleteImage(userId, doomed)).toBe(true);
    expect((await fetchSharedFile(first.code, 'photo.jpg')).status).toBe(404);

    const [invalidation, ...more] = await invalidationsOf([first.code, second.code, untouched.code]);
    expect(more).toEqual([]);
    expect(sorted(invalidation!)).toEqual(sorted([...sharedFilePaths(first.code), ...sharedFilePaths(second.code)]));
    expect((await fetchSharedFile(untouched.code, 'photo.jpg')).status).toBe(200);
  });

  it('its account deleted: one invalidation with the paths of all the account’s links, and the deletion still leaves nothing', async () => {
    const userId = newUserId();
    const photos = await readyPhotos(userId, 2);
    const links = [await createLink(userId, { imageId: photos[0] }), await createLink(userId, { imageId: photos[0] }), await createLink(userId, { imageId: photos[1] })];
    const codes = links.map((link) => link.code);

    await requestAccountDeletion(userId, { requestedBy: 'owner' });
    for (const code of codes) expect((await fetchSharedFile(code, 'card.jpg')).status).toBe(404);

    const [invalidation, ...more] = await invalidationsOf(codes);
    expect(more).toEqual([]);
    expect(sorted(invalidation!)).toEqual(sorted(codes.flatMap(sharedFilePaths)));
    // The invalidation's job and request were left to run, and went when it was done: nothing of the user stays.
    const after = await waitFor('the deletion', () => findUserData(userId), (report) => !holdsUserData(report), 90_000);
    expect(after).toMatchObject({ objects: [], items: [] });
  }, 150_000);
});

describe('more paths than one invalidation takes', () => {
  it('go in invalidations of at most 1,000 paths, each path once', async () => {
    const userId = newUserId();
    const codes = Array.from({ length: 501 }, (_, index) => `${userId.slice(4)}n${index}`);
    const paths = codes.flatMap((code) => [`/s/${code}/photo.webp`, `/s/${code}/photo.jpg`, `/s/${code}/photo.webp`]);
    expect(await requestInvalidation(userId, paths)).toHaveLength(2);

    const invalidations = await invalidationsOf(codes, 2);
    expect(invalidations.map((batch) => batch.length).sort((a, b) => a - b)).toEqual([2, MAX_PATHS_PER_INVALIDATION]);
    expect(sorted(invalidations.flat())).toEqual(sorted([...new Set(paths)]));
  });
});
