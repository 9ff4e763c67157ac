import { resources } from '../aws/resources';
import { mediaPath } from './media-paths';
import { presignDownload } from './presign';

/**
 * How a media object is linked for whoever asked:
 * - `site`: its path under /media/ on the site's origin (media-paths.ts), the same for every visit, so
 *   the browser keeps the file; the signed cookie the pages' browser holds decides who may fetch it;
 * - `presigned`: a short-lived S3 URL that carries its own permission, for callers who hold no such
 *   cookie (the API's, with a token).
 */
export type MediaLinks = 'site' | 'presigned';

/** The link to view one object of the media bucket. */
export async function mediaLink(key: string, links: MediaLinks): Promise<string> {
  return links === 'site' ? mediaPath(key) : presignDownload(resources.mediaBucket, key);
}
