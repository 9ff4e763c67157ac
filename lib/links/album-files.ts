import { z } from 'zod';
import { resources } from '../aws/resources';
import { readObject } from '../storage';
import { protectedFileCacheControl, sharedFileCacheControl } from './edge-cache';
import { resolveLink } from './resolve-link';
import { DOWNLOAD_FILE_NAME, type SharedFileResult } from './shared-files';

/*
 * An album's photos are served under the album's own path and each photo's number in it:
 * /s/{code}/{n}/photo.webp. The number is its place when the album was made and stays its own, so
 * the path names neither the owner, nor the image, nor its file, and removing one photo moves none.
 */

/** The files of one photo of an album; the album's card is the link's own (/s/{code}/card.jpg). */
export const ALBUM_PHOTO_FILES = ['photo.webp', 'photo.jpg', 'download.jpg'] as const;
const AlbumPhotoFileSchema = z.enum(ALBUM_PHOTO_FILES);
export type AlbumPhotoFile = z.infer<typeof AlbumPhotoFileSchema>;

/** A photo's number in its album, as it stands in the path: 1 to 999, no leading zero (one path per photo). */
const PhotoNumberSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,2}$/)
  .transform(Number);

export function albumPhotoPath(code: string, n: number, file: AlbumPhotoFile): string {
  return `/s/${code}/${n}/${file}`;
}

/** Every path an edge can hold of one photo of an album (see sharedFilePaths). */
export function albumPhotoPaths(code: string, n: number): string[] {
  return ALBUM_PHOTO_FILES.map((file) => albumPhotoPath(code, n, file));
}

/**
 * One file of one photo of an album, read through the link every time, exactly like a photo link's
 * files (readSharedFile): gone with the album's revoke, expiry, or the photo's removal from it, and
 * behind its password, if it has one, like them.
 */
export async function readAlbumFile(code: unknown, n: unknown, file: unknown, now = Date.now(), options: { accessToken?: string } = {}): Promise<SharedFileResult> {
  const number = PhotoNumberSchema.safeParse(n);
  const which = AlbumPhotoFileSchema.safeParse(file);
  if (!number.success || !which.success) return { state: 'not-found' };
  const resolution = await resolveLink(code, { now, accessToken: options.accessToken });
  if (resolution.state !== 'active') return resolution;
  if (resolution.locked) return { state: 'locked' };
  const { link } = resolution;
  const photo = link.photos?.find((member) => member.n === number.data);
  if (!photo || (which.data === 'download.jpg' && !link.allowDownload)) return { state: 'not-found' };
  const object = await readObject(resources.mediaBucket, which.data === 'photo.webp' ? photo.webpKey : photo.jpegKey);
  if (!object) return { state: 'not-found' };
  return {
    state: 'active',
    body: object.body,
    contentType: which.data === 'photo.webp' ? 'image/webp' : 'image/jpeg',
    downloadName: which.data === 'download.jpg' ? DOWNLOAD_FILE_NAME : null,
    cacheControl: link.protected ? protectedFileCacheControl(link.validUntil, now) : sharedFileCacheControl(link.validUntil, now),
  };
}
