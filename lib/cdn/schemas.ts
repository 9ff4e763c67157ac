import { z } from 'zod';
import { MAX_PATHS_PER_INVALIDATION } from './limits';

/** A path as CloudFront's CreateInvalidation takes it: from the root, no wildcard (each path is one file), no query string. */
export const InvalidationPathSchema = z.string().regex(/^\/[^*?#\s]*$/, 'a path from the root, without a wildcard or query string').max(4096);

/** What an invalidate-cdn job's trigger object holds: the paths of one CreateInvalidation. */
export const InvalidationRequestSchema = z.object({
  paths: z.array(InvalidationPathSchema).min(1).max(MAX_PATHS_PER_INVALIDATION),
  requestedAt: z.number().int().positive(),
});

export type InvalidationRequest = z.infer<typeof InvalidationRequestSchema>;
