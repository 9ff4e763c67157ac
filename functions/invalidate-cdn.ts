import { invalidateCdn } from '../lib/cdn/invalidate-cdn';
import { invalidateCdnJob } from '../lib/cdn/invalidate-cdn-job';
import { jobHandler } from '../lib/jobs';

export const handler = jobHandler(invalidateCdnJob, invalidateCdn);
