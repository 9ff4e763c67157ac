import type { NextFetchEvent, NextRequest } from 'next/server';
import { authMode } from '@/lib/auth/mode';
import { clerk } from './middleware/clerk';
import { localSession } from './middleware/local-session';
import { isDecodablePath } from './middleware/decodable-path';
import { notFoundForUndecodablePath } from './middleware/undecodable-path';

export function proxy(request: NextRequest, event: NextFetchEvent) {
  if (!isDecodablePath(request.nextUrl.pathname)) return notFoundForUndecodablePath(request);
  return authMode() === 'clerk' ? clerk(request, event) : localSession(request);
}

export const config = {
  // Public share pages (/s/…) read no session: skipping the proxy keeps their hot path to one GetItem.
  // Icons and the web app manifest are the same for everyone, signed in or not. A path with a '%' in it
  // is never skipped: a share link or a file has none, and one that does not decode must be caught here.
  matcher: ['/((?!_next|s/[^%]*$|favicon.ico|manifest.webmanifest|[^%]*\\.(?:css|js|png|jpg|jpeg|webp|avif|gif|svg|ico|woff2?)$).*)', '/(api|trpc)(.*)'],
};
