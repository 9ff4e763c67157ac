import { NextResponse, type NextRequest } from 'next/server';
import { unavailable } from '@/app/s/[code]/responses';

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

/**
 * A path that does not decode names nothing, so it gets the page for nothing there: under /s/ the
 * share routes' own "not available" page (it is answered like any unknown code), elsewhere the app's
 * 404 page. The address in the browser stays as it was typed.
 */
export function notFoundForUndecodablePath(request: NextRequest): Response {
  if (request.nextUrl.pathname.startsWith('/s/')) return unavailable('not-found');
  return NextResponse.rewrite(new URL('/_not-found', request.url));
}
