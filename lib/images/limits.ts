import type { RateLimitRule } from '../rate-limit';

/** A whole shoot uploaded in one go fits; a script filling the buckets at someone's expense does not. */
export const UPLOAD_CREATE_LIMIT: RateLimitRule = { scope: 'upload-create', limit: 300, windowSeconds: 60 * 60 };

/** The most cards the grid reads again in one request: a page of the grid. */
export const MAX_CARDS_READ = 24;

/** The most photos one bulk deletion takes: four pages of the grid, in one bounded request. */
export const MAX_BULK_DELETE = 100;

/**
 * Times one user may ask for their watermark to be applied to the photos they have, in an hour: each
 * request goes through the whole library (minutes of a function's time for thousands of photos), and
 * a stuck script could ask for ever.
 */
export const WATERMARK_RERENDER_LIMIT: RateLimitRule = { scope: 'watermark-rerender', limit: 10, windowSeconds: 60 * 60 };
