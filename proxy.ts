import type { NextFetchEvent, NextRequest } from 'next/server';
import { authMode } from '@/lib/auth/mode';
import { clerk } from './middleware/clerk';
import { localSession } from './middleware/local-session';

export function proxy(request: NextRequest, event: NextFetchEvent) {
  return authMode() === 'clerk' ? clerk(request, event) : localSession(request);
}

export const config = {
  matcher: ['/((?!_next|favicon.ico|.*\\.(?:css|js|png|jpg|jpeg|webp|avif|gif|svg|ico|woff2?)$).*)', '/(api|trpc)(.*)'],
};
