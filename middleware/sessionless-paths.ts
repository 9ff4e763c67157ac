/*
 * Paths the proxy lets through without reading a session: public share pages (/s/…), whose hot path
 * stays one GetItem; Next's own files; icons, the web app manifest and static files, the same for
 * everyone. A path with a '%' in it is never among them: a share link or a file has none, and one
 * that does not decode must reach the proxy's check. The site's other API routes always read their caller.
 */
const SESSIONLESS = /^\/(?:_next|s\/[^%]*$|favicon\.ico|manifest\.webmanifest|[^%]*\.(?:css|js|png|jpg|jpeg|webp|avif|gif|svg|ico|woff2?)$)/;
const ALWAYS_WITH_SESSION = /^\/(?:api|trpc)/;
/*
 * The public API (/api/v1/…) proves its caller with a bearer token in its route handlers and answers
 * JSON: it reads no session and needs no page's policy, whose work cost ~2.7 ms of CPU a request
 * (bench/api.bench.ts); the API bench's baseline, which measures the same work, likewise.
 */
const BEARER_ONLY = /^\/(?:api\/v1|bench\/api-baseline)\/[^%]*$/;

export function isSessionlessPath(pathname: string): boolean {
  return BEARER_ONLY.test(pathname) || (SESSIONLESS.test(pathname) && !ALWAYS_WITH_SESSION.test(pathname));
}
