/**
 * Whether a path's percent-encoding decodes to UTF-8. Next.js answers a bare 500 for a dynamic route
 * whose segment does not (`/images/%E0%A4%A`, `/s/%ff%fe`), before any page or route runs, so the
 * proxy must catch it first.
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
