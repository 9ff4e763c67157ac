import { requestInvalidation } from '../cdn';
import type { JobSubject } from '../jobs/job-kind';
import { sharedFilePaths } from './shared-files';

/**
 * Asks the CDN to forget the files of links that have just ended (revoked or deleted, so the origin
 * already refuses them) or whose files were just written again (a new watermark): exactly their
 * paths, in as few invalidations as they fit. Nothing for no links. Answers the invalidation jobs
 * asked for.
 */
export async function forgetSharedFiles(userId: string, codes: readonly string[], now = Date.now()): Promise<JobSubject[]> {
  if (codes.length === 0) return [];
  return requestInvalidation(userId, codes.flatMap(sharedFilePaths), now);
}
