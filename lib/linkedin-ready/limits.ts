import type { RateLimitRule } from '../rate-limit';

/** Ready photos one user may ask for in an hour: each is seconds of a function's time, and a stuck script could ask for ever. */
export const READY_REQUEST_LIMIT: RateLimitRule = { scope: 'ready-request', limit: 30, windowSeconds: 60 * 60 };

/** Ready photos one user may have queued or running at once, so one person cannot fill the queue for everyone. */
export const MAX_READY_PHOTOS_IN_FLIGHT = 2;
