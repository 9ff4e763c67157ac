import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE, verifySessionToken } from '@/lib/auth/session';
import { authSettings } from '@/lib/config';
import { nextWithContentSecurityPolicy } from './content-security-policy';
import { isProtectedPath } from './protected-paths';

/**
 * Local accounts: private pages need a validly signed session cookie, or the visitor is sent to sign
 * in. Whether the session was ended (signed out, password changed) is checked where the user is read,
 * on every page and action (adapters/current-user.ts), which sends an ended one to sign in too.
 */
export async function localSession(request: NextRequest) {
  if (!isProtectedPath(request.nextUrl.pathname)) return nextWithContentSecurityPolicy(request);
  const settings = authSettings();
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (settings.mode === 'local' && (await verifySessionToken(token, settings.local.secret))) return nextWithContentSecurityPolicy(request);
  const signIn = new URL('/sign-in', request.url);
  signIn.searchParams.set('next', request.nextUrl.pathname);
  return NextResponse.redirect(signIn);
}
