import { z } from 'zod';
import { resources } from '../aws/resources';
import { readObject } from '../storage';
import { PRIVATE_UNCACHED, protectedFileCacheControl, sharedFileCacheControl } from './edge-cache';
import { resolveLink } from './resolve-link';
import { albumPhotoPaths } from './album-files';
import type { SharedLink } from './schemas';

/** The files a link serves, under its own path (/s/{code}/{file}): nothing in them names the owner or the image. */
export const SHARED_FILES = ['photo.webp', 'photo.jpg', 'download.jpg', 'card.jpg'] as const;
export const SharedFileSchema = z.enum(SHARED_FILES);
export type SharedFile = z.infer<typeof SharedFileSchema>;

/** The name a downloaded copy gets: nothing of the owner's own file name leaks to viewers. */
export const DOWNLOAD_FILE_NAME = 'shared-photo.jpg';

export function sharedFilePath(code: string, file: SharedFile): string {
  return `/s/${code}/${file}`;
}

/**
 * Every path a link's files are cached under at the CDN: its four files, each exactly (the viewer
 * request drops any query string and gives `/s/{code}/photo` its format's extension, see
 * edge-request.ts), so these are all the copies an edge can hold of them.
 */
export function sharedFilePaths(code: string): string[] {
  return SHARED_FILES.map((file) => sharedFilePath(code, file));
}

/** Every path of a link at the CDN (sharedFilePaths), with an album's the files of each of its photos (album-files.ts). */
export function linkFilePaths(code: string, members: readonly { n: number }[] = []): string[] {
  return [...sharedFilePaths(code), ...members.flatMap((member) => albumPhotoPaths(code, member.n))];
}

export type SharedFileResult =
  | { state: 'active'; body: Buffer; contentType: string; downloadName: string | null; cacheControl: string }
  /** A protected link's file asked for without its access cookie: nothing of it is sent. */
  | { state: 'locked' }
  | { state: 'expired' }
  | { state: 'not-found' };

function objectKey(link: SharedLink, file: SharedFile): string | null {
  // An album's photos are each under their own number (album-files.ts); at its root, only its card.
  if (link.photos && file !== 'card.jpg') return null;
  switch (file) {
    case 'photo.webp':
      return link.webpKey;
    case 'photo.jpg':
      return link.jpegKey;
    case 'download.jpg':
      return link.allowDownload ? link.jpegKey : null;
    case 'card.jpg':
      return link.previewKey;
  }
}

/**
 * One file of a link, read through the link every time: once it is revoked or expired, the file is
 * gone with the page. What caches may keep of it, and for how long, is in `cacheControl` (edge-cache.ts).
 * A protected link's files need `accessToken`, its access cookie's; its card is the neutral protected
 * one for everybody, since unfurlers never have the cookie.
 */
export async function readSharedFile(code: unknown, file: unknown, now = Date.now(), options: { accessToken?: string } = {}): Promise<SharedFileResult> {
  const which = SharedFileSchema.safeParse(file);
  if (!which.success) return { state: 'not-found' };
  const resolution = await resolveLink(code, { now, accessToken: options.accessToken });
  if (resolution.state !== 'active') return resolution;
  if (resolution.link.protected && which.data === 'card.jpg') {
    // Loaded when first drawn: sharp stays out of what only needs the paths below (the account's deletion, the CDN's invalidations).
    const { protectedCardImage } = await import('./protected-card');
    return { state: 'active', body: await protectedCardImage(), contentType: 'image/jpeg', downloadName: null, cacheControl: PRIVATE_UNCACHED };
  }
  if (resolution.locked) return { state: 'locked' };
  const key = objectKey(resolution.link, which.data);
  const object = key ? await readObject(resources.mediaBucket, key) : null;
  if (!object) return { state: 'not-found' };
  const contentType = which.data === 'photo.webp' ? 'image/webp' : 'image/jpeg';
  return {
    state: 'active',
    body: object.body,
    contentType,
    downloadName: which.data === 'download.jpg' ? DOWNLOAD_FILE_NAME : null,
    cacheControl: resolution.link.protected ? protectedFileCacheControl(resolution.link.validUntil, now) : sharedFileCacheControl(resolution.link.validUntil, now),
  };
}
