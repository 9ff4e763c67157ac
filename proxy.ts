import type { NextFetchEvent, NextRequest } from 'next/server';
import { authMode } from '@/lib/auth/mode';
import { clerk } from './middleware/clerk';
import { localSession } from './middleware/local-session';

export function proxy(request: NextRequest, event: NextFetchEvent) {
  return authMode() === 'clerk' ? clerk(request, event) : localSession(request);
}

export const config = {
  // Public share pages (/s/…) read no session: skipping the proxy keeps their hot path to one GetItem.
  matcher: ['/((?!_next|s/|favicon.ico|.*\\.(?:css|js|png|jpg|jpeg|webp|avif|gif|svg|ico|woff2?)$).*)', '/(api|trpc)(.*)'],
};
