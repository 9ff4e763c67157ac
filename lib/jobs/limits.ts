import type { RateLimitRule } from '../rate-limit';

/** Retries one user may press in an hour: each sends work round again, and a stuck script could press it for ever. */
export const RETRY_LIMIT: RateLimitRule = { scope: 'retry', limit: 30, windowSeconds: 60 * 60 };
