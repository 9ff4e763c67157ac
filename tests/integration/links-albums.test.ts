import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createApiToken } from '@/lib/api-tokens';
import { findLinkByCode } from '@/lib/db';
import { deleteImage } from '@/lib/images';
import { ALBUM_MAX_PHOTOS, albumPhotoPaths, createLink, linkFilePaths, listLinks, revokeLink, type Link } from '@/lib/links';
import { SOCKET_ADDRESS_HEADER } from '@/lib/security/client-address';
import { UserError } from '@/lib/user-error';
import { POST as createShareLink } from '@/app/api/v1/links/route';
import { GET as getPage } from '@/app/s/[code]/route';
import { GET as getFile } from '@/app/s/[code]/[file]/route';
import { GET as getAlbumFile } from '@/app/s/[code]/[file]/[name]/route';
import { GET as getArchive } from '@/app/s/[code]/album.zip/route';
import { fixture, invalidatedPaths, newUserId, uploadAsBrowser, waitFor, waitForSettled } from './helpers';

/*
 * Album links end to end on the emulators: made from the owner's photos only, served through the
 * site's own route handlers under paths that name nothing of the owner or the photos, with each
 * photo leaving when it is deleted and every file ending with the revoke, as CloudFront's stand-in
 * is told (read back through its own API, as in cdn-invalidation.test.ts).
 */

const run = promisify(execFile);

/** The invalidations naming any path of the album, once `count` of them have arrived. */
async function invalidationsOf(code: string, count: number): Promise<string[][]> {
  const ofAlbum = (paths: string[]) => paths.some((path) => path.startsWith(`/s/${code}/`));
  return waitFor('an invalidation of the album', async () => (await invalidatedPaths()).filter(ofAlbum), (found) => found.length >= count, 30_000);
}

const sorted = (paths: string[]) => [...paths].sort();
const visitor = () => ({ [SOCKET_ADDRESS_HEADER]: `198.51.100.${Math.floor(Math.random() * 250) + 1}` });

/** Any public path of a link, through the route handler Next.js would pick for it. */
async function fetchPublic(pathname: string): Promise<Response> {
  const request = new Request(`http://localhost${pathname}`, { headers: visitor() });
  const [, , code, first, second] = pathname.split('/');
  if (first === undefined) return getPage(Object.assign(request, { nextUrl: new URL(request.url) }) as never, { params: Promise.resolve({ code: code! }) });
  if (first === 'album.zip') return getArchive(request as never, { params: Promise.resolve({ code: code! }) });
  if (second === undefined) return getFile(request as never, { params: Promise.resolve({ code: code!, file: first }) });
  return getAlbumFile(request as never, { params: Promise.resolve({ code: code!, file: first, name: second }) });
}

/** Every same-origin path a page names in src, srcset and href. */
function pathsIn(html: string): string[] {
  return [...html.matchAll(/(?:src|srcset|href)="(\/[^"]*)"/g)].map((match) => match[1]!);
}

async function readyPhotos(userId: string, count: number, name: string): Promise<string[]> {
  const astronaut = await fixture('faces/astronaut.png');
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const body = await sharp(astronaut).rotate(index * 90).modulate({ hue: index * 40 }).png().toBuffer();
      const { imageId } = await uploadAsBrowser(userId, body, `${name}-${index + 1}.png`, 'image/png');
      expect((await waitForSettled(userId, imageId, 90_000)).status).toBe('ready');
      return imageId;
    }),
  );
}

let owner: { userId: string; photos: string[] };
let stranger: { userId: string; photos: string[] };
beforeAll(async () => {
  const [ownerId, strangerId] = [newUserId(), newUserId()];
  const [photos, theirs] = await Promise.all([readyPhotos(ownerId, 6, 'jane-doe-private'), readyPhotos(strangerId, 1, 'stranger')]);
  owner = { userId: ownerId, photos };
  stranger = { userId: strangerId, photos: theirs };
}, 240_000);

describe('making an album', () => {
  it('shares several of the owner’s photos, in order, behind one link listed with them', async () => {
    const album = await createLink(owner.userId, { imageIds: owner.photos.slice(0, 3), expiry: '1d' });
    expect(album).toMatchObject({ kind: 'album', imageId: owner.photos[0], imageIds: owner.photos.slice(0, 3), state: 'active', path: `/s/${album.code}` });
    const listed = (await listLinks(owner.userId)).items.find((link) => link.code === album.code);
    expect(listed).toMatchObject({ kind: 'album', imageIds: owner.photos.slice(0, 3) });
    // A photo link stays what it was.
    expect(await createLink(owner.userId, { imageId: owner.photos[0] })).toMatchObject({ kind: 'photo', imageIds: [owner.photos[0]] });
    // A custom name, as a photo link may have.
    const name = `team-${Date.now().toString(36)}`;
    const named = await createLink(owner.userId, { imageIds: owner.photos.slice(3, 5), name });
    expect(named).toMatchObject({ code: name, kind: 'album', path: `/s/${name}` });
    expect((await fetchPublic(`/s/${name}/2/photo.jpg`)).status).toBe(200);
  });

  it('refuses another user’s photo, naming it, and creates nothing', async () => {
    const before = (await listLinks(owner.userId, { limit: 100 })).items.length;
    const foreign = stranger.photos[0]!;
    const refusal = createLink(owner.userId, { imageIds: [owner.photos[0], foreign, owner.photos[1]] });
    await expect(refusal).rejects.toThrow(UserError);
    await expect(refusal).rejects.toThrow('Photo 2 of the album (imageIds[1]) does not exist, so the album was not created.');
    // Nor with a name: nothing is written under it either.
    await expect(createLink(owner.userId, { imageIds: [foreign], name: 'not-theirs-album' })).rejects.toThrow(UserError);
    expect(await findLinkByCode('not-theirs-album')).toBeNull();
    expect((await listLinks(owner.userId, { limit: 100 })).items).toHaveLength(before);
  });

  it(`refuses more than ${ALBUM_MAX_PHOTOS} photos, and an input naming both one photo and several`, async () => {
    const tooMany = Array.from({ length: ALBUM_MAX_PHOTOS + 1 }, () => owner.photos[0]!);
    await expect(createLink(owner.userId, { imageIds: tooMany })).rejects.toThrow(`An album holds at most ${ALBUM_MAX_PHOTOS} photos.`);
    await expect(createLink(owner.userId, { imageId: owner.photos[0], imageIds: [owner.photos[1]] })).rejects.toThrow(ZodError);
    await expect(createLink(owner.userId, { imageIds: [] })).rejects.toThrow('An album needs at least one photo.');
  });
});

describe('POST /api/v1/links with imageIds', () => {
  const post = async (token: string, body: unknown) => {
    const request = new Request('http://localhost/api/v1/links', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const response = await createShareLink(request as never, { params: Promise.resolve({}) });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
  };

  it('makes an album of the token owner’s photos; a stranger’s photo among them is a 400 problem that says which, and nothing is made', async () => {
    const { token } = await createApiToken(owner.userId, { name: 'albums', scopes: ['links'] });
    const made = await post(token, { imageIds: [owner.photos[2], owner.photos[0]], expiry: '1h' });
    expect(made).toMatchObject({ status: 201, body: { kind: 'album', imageId: owner.photos[2], imageIds: [owner.photos[2], owner.photos[0]], expiry: '1h', state: 'active' } });
    expect((await fetchPublic(`/s/${String(made.body.code)}/2/photo.jpg`)).status).toBe(200);

    const before = (await listLinks(owner.userId, { limit: 100 })).items.length;
    const refused = await post(token, { imageIds: [owner.photos[0], stranger.photos[0]] });
    expect(refused).toMatchObject({ status: 400, type: 'application/problem+json', body: { type: '/api/v1/problems/invalid-request' } });
    expect(JSON.stringify(refused.body)).toContain('Photo 2 of the album (imageIds[1]) does not exist');
    const tooMany = await post(token, { imageIds: Array.from({ length: ALBUM_MAX_PHOTOS + 1 }, () => owner.photos[0]) });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain(`An album holds at most ${ALBUM_MAX_PHOTOS} photos.`);
    expect((await listLinks(owner.userId, { limit: 100 })).items).toHaveLength(before);
  });
});

describe('an album’s public page and files', () => {
  let album: Link;
  let page: string;
  beforeAll(async () => {
    album = await createLink(owner.userId, { imageIds: owner.photos.slice(0, 5), expiry: 'never', allowDownload: true });
    const response = await fetchPublic(album.path);
    expect(response.status).toBe(200);
    page = await response.text();
  });

  it('shows every photo, the first one as the page’s largest paint and the others lazily, with a lightbox and its one script', async () => {
    const grid = /<ul class="gallery"[^>]*>([\s\S]*?)<\/ul>/.exec(page)![1]!;
    const images = [...grid.matchAll(/<img [^>]*>/g)].map((match) => match[0]);
    expect(images).toHaveLength(5);
    expect(images[0]).toContain('fetchpriority="high"');
    expect(images[0]).not.toContain('loading="lazy"');
    for (const image of images.slice(1)) expect(image).toContain('loading="lazy"');
    for (let n = 1; n <= 5; n++) {
      expect(grid).toContain(`srcset="/s/${album.code}/${n}/photo.webp"`);
      expect(page).toContain(`<li id="p${n}"`);
    }
    expect(page).toContain('5 photos shared with you');
    expect(page).toContain(`<meta property="og:image" content="http://localhost/s/${album.code}/card.jpg">`);
    expect(page).toContain(`href="/s/${album.code}/album.zip"`);
  });

  it('names in its paths neither the owner, nor a photo’s id, nor its file name; each is served and cached like a photo link’s file', async () => {
    const paths = [...new Set(pathsIn(page))].filter((path) => path.startsWith('/s/'));
    expect(paths.length).toBeGreaterThanOrEqual(11);
    for (const path of paths) {
      expect(path).toMatch(new RegExp(`^/s/${album.code}/((\\d+/)?photo\\.(webp|jpg)|album\\.zip)$`));
      expect(path).not.toContain(owner.userId);
      for (const photo of owner.photos) expect(path).not.toContain(photo);
      expect(path).not.toContain('jane-doe');
    }
    for (const path of [...albumPhotoPaths(album.code, 2), `/s/${album.code}/card.jpg`]) {
      const response = await fetchPublic(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=3600');
    }
    // The album's root serves its card only: its first photo is /s/{code}/1/….
    expect((await fetchPublic(`/s/${album.code}/photo.webp`)).status).toBe(404);
    expect((await fetchPublic(`/s/${album.code}/6/photo.webp`)).status).toBe(404);
    expect((await fetchPublic(`/s/${album.code}/01/photo.webp`)).status).toBe(404);
  });

  it('has a 1200×630 card that is a collage of its first photos', async () => {
    const card = Buffer.from(await (await fetchPublic(`/s/${album.code}/card.jpg`)).arrayBuffer());
    expect(await sharp(card).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 630 });
    // The white gaps between the columns of the collage.
    const { data, info } = await sharp(card).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3);
    expect([...pixel(298, 315)].every((value) => value > 245)).toBe(true);
    expect([...pixel(100, 315)].every((value) => value > 245)).toBe(false);
  });

  it('downloads all, as a ZIP streamed from the photos, named by their numbers', async () => {
    const response = await fetchPublic(`/s/${album.code}/album.zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="shared-photos.zip"');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'album-')), 'album.zip');
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    const { stdout } = await run('unzip', ['-Z1', file]);
    expect(stdout.trim().split('\n')).toEqual(['photo-1.jpg', 'photo-2.jpg', 'photo-3.jpg', 'photo-4.jpg', 'photo-5.jpg']);
    const { stdout: third } = await run('unzip', ['-p', file, 'photo-3.jpg'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    const served = Buffer.from(await (await fetchPublic(`/s/${album.code}/3/photo.jpg`)).arrayBuffer());
    expect(third.equals(served)).toBe(true);
    // Without the owner's leave, there is none.
    const closed = await createLink(owner.userId, { imageIds: owner.photos.slice(0, 2) });
    expect((await fetchPublic(`/s/${closed.code}/album.zip`)).status).toBe(404);
  });
});

describe('an album’s end', () => {
  it('a photo deleted leaves its albums at once: its files 404, the CDN forgets them and the card, the others stay; an album left empty is gone', async () => {
    const userId = newUserId();
    const photos = await readyPhotos(userId, 4, 'leaving');
    const album = await createLink(userId, { imageIds: photos, expiry: 'never' });
    const single = await createLink(userId, { imageIds: [photos[3]!] });

    expect(await deleteImage(userId, photos[1]!)).toBe(true);
    for (const path of albumPhotoPaths(album.code, 2)) {
      const refused = await fetchPublic(path);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('cache-control')).toBe('private, no-store');
    }
    expect((await fetchPublic(`/s/${album.code}/3/photo.webp`)).status).toBe(200);
    const page = await (await fetchPublic(album.path)).text();
    expect(page).not.toContain(`/s/${album.code}/2/`);
    expect(page).toContain('3 photos shared with you');
    const [invalidation] = await invalidationsOf(album.code, 1);
    expect(sorted(invalidation!)).toEqual(sorted([...albumPhotoPaths(album.code, 2), `/s/${album.code}/card.jpg`]));

    // Two of its photos deleted at once both leave it (each change is conditional on the one it read).
    await Promise.all([deleteImage(userId, photos[0]!), deleteImage(userId, photos[2]!)]);
    expect((await findLinkByCode(album.code))?.members?.map((member) => member.n)).toEqual([4]);
    expect((await listLinks(userId)).items.find((link) => link.code === album.code)?.imageIds).toEqual([photos[3]]);

    // The last one: the album answers like a revoked link, and the CDN forgets all it had.
    expect(await deleteImage(userId, photos[3]!)).toBe(true);
    for (const code of [album.code, single.code]) {
      expect((await fetchPublic(`/s/${code}`)).status).toBe(404);
      expect((await fetchPublic(`/s/${code}/card.jpg`)).status).toBe(404);
      expect((await fetchPublic(`/s/${code}/4/photo.jpg`)).status).toBe(404);
    }
    // Both albums it was the last photo of, in one invalidation.
    const ends = await invalidationsOf(album.code, 4);
    const last = sorted([...linkFilePaths(album.code, [{ n: 4 }]), ...linkFilePaths(single.code, [{ n: 1 }])]);
    expect(ends.map(sorted)).toContainEqual(last);
  }, 240_000);

  it('revoked: the page and every file of every photo answer 404 at once, never cached, and one invalidation names them all', async () => {
    const album = await createLink(owner.userId, { imageIds: owner.photos, allowDownload: true });
    const paths = [album.path, ...owner.photos.flatMap((_, index) => albumPhotoPaths(album.code, index + 1)), `/s/${album.code}/card.jpg`, `/s/${album.code}/album.zip`];
    expect((await fetchPublic(`/s/${album.code}/6/download.jpg`)).status).toBe(200);

    expect(await revokeLink(owner.userId, { code: album.code })).toBe(true);
    for (const path of paths) {
      const refused = await fetchPublic(path);
      expect(refused.status, path).toBe(404);
      expect(refused.headers.get('cache-control')).toBe('private, no-store');
    }
    const [invalidation, ...more] = await invalidationsOf(album.code, 1);
    expect(more).toEqual([]);
    expect(sorted(invalidation!)).toEqual(sorted(linkFilePaths(album.code, owner.photos.map((_, index) => ({ n: index + 1 })))));
    expect(invalidation).toHaveLength(4 + 3 * owner.photos.length);
  });
});
