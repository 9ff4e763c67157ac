import { requestInvalidation } from '../cdn';
import { listAlbumsWithImage, listLinkCodesForImage } from '../db';
import type { JobSubject } from '../jobs/job-kind';
import { albumPhotoPaths } from './album-files';
import { sharedFilePaths } from './shared-files';

/**
 * Asks the CDN to forget every shared file that shows one image, written again under the same paths
 * (a new watermark): its photo links' files, and its own files in each album that holds it.
 */
export async function forgetImageFiles(userId: string, imageId: string, now = Date.now()): Promise<JobSubject[]> {
  const [codes, albums] = await Promise.all([listLinkCodesForImage(userId, imageId), listAlbumsWithImage(userId, imageId)]);
  const paths = [
    ...codes.flatMap((code) => sharedFilePaths(code)),
    ...albums.flatMap(({ code, members }) => (members ?? []).filter((member) => member.imageId === imageId).flatMap((member) => albumPhotoPaths(code, member.n))),
  ];
  return paths.length === 0 ? [] : requestInvalidation(userId, paths, now);
}
