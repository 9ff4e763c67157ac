/*
 * Paths the proxy lets through without reading a session: public share pages (/s/…), whose hot path
 * stays one GetItem; Next's own files; icons, the web app manifest and static files, the same for
 * everyone. A path with a '%' in it is never among them: a share link or a file has none, and one
 * that does not decode must reach the proxy's check. The API always reads its caller.
 */
const SESSIONLESS = /^\/(?:_next|s\/[^%]*$|favicon\.ico|manifest\.webmanifest|[^%]*\.(?:css|js|png|jpg|jpeg|webp|avif|gif|svg|ico|woff2?)$)/;
const ALWAYS_WITH_SESSION = /^\/(?:api|trpc)/;

export function isSessionlessPath(pathname: string): boolean {
  return SESSIONLESS.test(pathname) && !ALWAYS_WITH_SESSION.test(pathname);
}
