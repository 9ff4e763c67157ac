/*
 * How long copies of a shared file may be kept. CloudFront keeps one per edge location, so a link seen
 * by many costs a function call per file per location per EDGE, not one per view; a revoke or a
 * deletion removes those copies at once (invalidate-cdn), so EDGE bounds only what nothing invalidates:
 * a new watermark drawn over the same files, or an invalidation lost to a crash. Browsers keep theirs
 * a minute, which no invalidation reaches. Neither outlives the link's expiry: an expiring link needs
 * no invalidation, its copies are all stale by the time it ends.
 */

/** How long CloudFront keeps a shared file (s-maxage), at most. */
export const SHARED_FILE_EDGE_SECONDS = 60 * 60;
/** How long a browser keeps one (max-age), at most. */
export const SHARED_FILE_BROWSER_SECONDS = 60;

/** For a file no cache may keep: a link about to expire, every refusal. */
export const UNCACHED = 'no-store';

/**
 * The Cache-Control of a shared file served at `now` for a link valid until `validUntil` (null: it
 * never expires). Both lifetimes are capped at what is left of the link, whole seconds rounded down;
 * CloudFront counts its own from when it fetched the file and sends browsers its Age, so a browser's
 * copy too ends by the expiry.
 */
export function sharedFileCacheControl(validUntil: number | null, now: number): string {
  const left = validUntil === null ? Number.POSITIVE_INFINITY : Math.floor((validUntil - now) / 1000);
  if (left < 1) return UNCACHED;
  return `public, max-age=${Math.min(SHARED_FILE_BROWSER_SECONDS, left)}, s-maxage=${Math.min(SHARED_FILE_EDGE_SECONDS, left)}`;
}

/**
 * The Cache-Control of a protected link's file, served to a visitor who gave its password: `private`,
 * so CloudFront, which never stores a private answer, asks the origin (and so checks the cookie) on
 * every request, and only the visitor's own browser keeps it, a minute at most.
 */
export function protectedFileCacheControl(validUntil: number | null, now: number): string {
  const left = validUntil === null ? Number.POSITIVE_INFINITY : Math.floor((validUntil - now) / 1000);
  if (left < 1) return PRIVATE_UNCACHED;
  return `private, max-age=${Math.min(SHARED_FILE_BROWSER_SECONDS, left)}`;
}

/** For what only one visitor may see and nobody may keep: a protected link's refusals and its card. */
export const PRIVATE_UNCACHED = 'private, no-store';
