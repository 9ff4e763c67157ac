import type { RateLimitRule } from '../rate-limit/rules';

/** An export reads every original once: a few an hour is plenty for anyone taking their data out. */
export const EXPORT_REQUEST_LIMIT: RateLimitRule = { scope: 'export-request', limit: 5, windowSeconds: 60 * 60 };

/** Asking to delete an account again and again changes nothing; this only keeps the attempts cheap. */
export const ACCOUNT_DELETION_LIMIT: RateLimitRule = { scope: 'account-deletion', limit: 10, windowSeconds: 60 * 60 };

/** How long an export's archive can be downloaded; the media bucket's lifecycle rule removes it then. */
export { EXPORT_RETENTION_DAYS } from '../storage/lifecycle';

/** How long an account's closure mark outlives the deletion: longer than any session token signed before it. */
export const CLOSURE_MARK_HOURS = 24;
