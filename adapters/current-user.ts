import 'server-only';
import { auth } from '@clerk/nextjs/server';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { readSession, SESSION_COOKIE, type CurrentUser } from '@/lib/auth';
import { authSettings } from '@/lib/config';

/*
 * The framework's side of sign-in: reads the request (Clerk's session, or the local session cookie)
 * and hands lib/ a plain user. Every page, route and server action takes the user from here, never
 * from its input.
 */

/** Who is signed in; null when nobody is. Once per request. A local session must still exist: signing out ends it everywhere. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  if (authSettings().mode === 'clerk') {
    const { userId, sessionClaims } = await auth();
    if (!userId) return null;
    const email = typeof sessionClaims?.email === 'string' ? sessionClaims.email : null;
    return { id: userId, email, sessionId: null };
  }
  const session = await readSession((await cookies()).get(SESSION_COOKIE)?.value);
  return session ? { id: session.userId, email: session.email, sessionId: session.sessionId } : null;
});

export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
  constructor() {
    super('You need to sign in.');
  }
}

/** The signed-in user, or an error for an anonymous call. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new UnauthenticatedError();
  return user;
}
