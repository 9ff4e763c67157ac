import { requestInvalidation } from '../cdn';
import type { JobSubject } from '../jobs/job-kind';
import { linkFilePaths } from './shared-files';

/** A link whose files are to be forgotten: its code, with an album's members (each has files of its own). */
export type LinkFiles = string | { code: string; members?: readonly { n: number }[] | undefined };

/**
 * Asks the CDN to forget the files of links that have just ended (revoked or deleted, so the origin
 * already refuses them) or whose files were just written again (a new watermark): exactly their
 * paths, in as few invalidations as they fit. Nothing for no links. Answers the invalidation jobs
 * asked for.
 */
export async function forgetSharedFiles(userId: string, links: readonly LinkFiles[], now = Date.now()): Promise<JobSubject[]> {
  if (links.length === 0) return [];
  const paths = links.flatMap((link) => (typeof link === 'string' ? linkFilePaths(link) : linkFilePaths(link.code, link.members ?? [])));
  return requestInvalidation(userId, paths, now);
}
