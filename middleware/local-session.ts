import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE, verifySessionToken } from '@/lib/auth/session';
import { readSession } from '@/lib/auth/sessions';
import { authSettings } from '@/lib/config';
import { nextWithContentSecurityPolicy } from './content-security-policy';
import { holdsMediaAccess, withMediaAccess, withoutStaleMediaAccess } from './media-access';
import { isProtectedPath } from './protected-paths';

/**
 * Local accounts: private pages need a validly signed session cookie, or the visitor is sent to sign
 * in. Whether the session was ended (signed out, password changed) is checked where the user is read,
 * on every page and action (adapters/current-user.ts), which sends an ended one to sign in too. A
 * signed-in page also carries the user's media cookies when they are due, and any other page takes
 * them away once nobody is signed in (media-access.ts).
 */
export async function localSession(request: NextRequest) {
  const settings = authSettings();
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  const verified = () => (settings.mode === 'local' ? verifySessionToken(token, settings.local.secret) : Promise.resolve(null));
  if (!isProtectedPath(request.nextUrl.pathname)) {
    const response = await nextWithContentSecurityPolicy(request);
    return holdsMediaAccess(request) ? withoutStaleMediaAccess(request, response, (await verified())?.userId ?? null) : response;
  }
  const session = await verified();
  if (session) {
    return withMediaAccess(request, await nextWithContentSecurityPolicy(request), { userId: session.userId, stillSignedIn: async () => (await readSession(token)) !== null });
  }
  const signIn = new URL('/sign-in', request.url);
  signIn.searchParams.set('next', request.nextUrl.pathname);
  return NextResponse.redirect(signIn);
}
