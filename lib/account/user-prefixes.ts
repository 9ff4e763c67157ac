import { JOB_WIRING, type BucketLink } from '../jobs/wiring';
import { DERIVED_MEDIA_PREFIXES } from '../storage';

const DERIVED: Record<BucketLink, readonly string[]> = { Uploads: [], Media: DERIVED_MEDIA_PREFIXES };

/**
 * Every prefix under which a user's objects can be, by bucket: where each job kind's triggers are
 * written, and where the jobs write. Deletion removes them, and `npm run check:user` lists them.
 */
export function userPrefixes(userId: string): Record<BucketLink, string[]> {
  const of = (bucket: BucketLink) => {
    const triggers = JOB_WIRING.filter((row) => row.trigger.bucket === bucket).map((row) => row.trigger.prefix);
    return [...new Set([...triggers, ...DERIVED[bucket]])].map((prefix) => `${prefix}${userId}/`);
  };
  return { Uploads: of('Uploads'), Media: of('Media') };
}
