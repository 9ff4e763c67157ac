import type { Readable } from 'node:stream';
import { resources } from '../aws/resources';
import { log } from '../observability/log';
import { openObjectStream } from '../storage';
import { openZipArchive } from '../storage/zip-archive';
import { resolveLink } from './resolve-link';

/** The name a downloaded album gets: nothing of the owner or of the photos' own file names. */
export const ALBUM_ARCHIVE_NAME = 'shared-photos.zip';

/** Where an album's ZIP is downloaded: a file of the link, like its card (app/s/[code]/album.zip). */
export function albumArchivePath(code: string): string {
  return `/s/${code}/album.zip`;
}

export type AlbumArchiveResult = { state: 'active'; body: Readable } | { state: 'locked' } | { state: 'expired' } | { state: 'not-found' };

/** A photo's name in the archive: its number in the album, padded to the largest one's digits so the names sort in its order. */
export function archivedPhotoName(n: number, largest: number): string {
  return `photo-${String(n).padStart(String(largest).length, '0')}.jpg`;
}

/**
 * "Download all" of an album whose owner allowed downloads: a ZIP of its photos' JPEGs (the copies
 * the page shows), made as it is sent, the way the export is made (storage/zip-archive.ts): each
 * photo streamed from S3 into it, stored as it is (JPEGs do not compress). Checked through the link
 * like every file of it (behind its password too). Nothing is held in memory but a chunk, and a visitor
 * who goes away stops the reads.
 */
export async function openAlbumArchive(code: unknown, now = Date.now(), options: { accessToken?: string } = {}): Promise<AlbumArchiveResult> {
  const resolution = await resolveLink(code, { now, accessToken: options.accessToken });
  if (resolution.state !== 'active') return resolution;
  if (resolution.locked) return { state: 'locked' };
  const { photos, allowDownload } = resolution.link;
  if (!photos || !allowDownload) return { state: 'not-found' };

  const largest = Math.max(...photos.map((photo) => photo.n));
  const archive = openZipArchive();
  let done = false;
  archive.output.once('close', () => {
    if (!done) archive.destroy();
  });
  void (async () => {
    try {
      for (const photo of photos) {
        const file = await openObjectStream(resources.mediaBucket, photo.jpegKey);
        // A photo whose files went meanwhile (it is being deleted) is left out, as the page leaves it.
        if (!file) continue;
        await archive.add(file.body, { name: archivedPhotoName(photo.n, largest), store: true });
      }
      done = true;
      archive.finalize();
    } catch (error) {
      log.warn('An album archive stopped midway', { error: String(error) });
      archive.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return { state: 'active', body: archive.output };
}
