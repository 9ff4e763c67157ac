import { NextResponse, type NextRequest } from 'next/server';
import { unavailable } from '@/app/s/[code]/responses';

/**
 * A path that does not decode names nothing, so it gets the page for nothing there: under /s/ the
 * share routes' own "not available" page (it is answered like any unknown code), elsewhere the app's
 * 404 page. The address in the browser stays as it was typed.
 */
export function notFoundForUndecodablePath(request: NextRequest): Response {
  if (request.nextUrl.pathname.startsWith('/s/')) return unavailable('not-found');
  return NextResponse.rewrite(new URL('/_not-found', request.url));
}
