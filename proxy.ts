import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { authMode } from '@/lib/auth/mode';
import { requestSettings } from '@/lib/config';
import { clerk } from './middleware/clerk';
import { localSession } from './middleware/local-session';
import { isDecodablePath } from './middleware/decodable-path';
import { refusalOfDirectRequest } from './middleware/origin-lock';
import { isSessionlessPath } from './middleware/sessionless-paths';
import { notFoundForUndecodablePath } from './middleware/undecodable-path';

export function proxy(request: NextRequest, event: NextFetchEvent) {
  const refusal = refusalOfDirectRequest(request.headers, requestSettings().cloudFrontOriginSecret);
  if (refusal) return refusal;
  if (!isDecodablePath(request.nextUrl.pathname)) return notFoundForUndecodablePath(request);
  if (isSessionlessPath(request.nextUrl.pathname)) return NextResponse.next();
  return authMode() === 'clerk' ? clerk(request, event) : localSession(request);
}

export const config = {
  // Every path, share pages and files included, so that a request sent to the server function
  // directly is refused before anything runs (middleware/origin-lock.ts). Left out: Next's build
  // files, which CloudFront serves from S3 and which hold nothing but the public build, and the
  // development server's hot-reload socket.
  matcher: ['/((?!_next/static/|_next/webpack-hmr).*)'],
};
