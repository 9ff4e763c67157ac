import 'server-only';
import { auth } from '@clerk/nextjs/server';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { authMode } from './mode';
import type { CurrentUser } from './schemas';
import { SESSION_COOKIE, verifySession } from './session';

/*
 * The Next.js edge of lib/auth, and so the one file in lib/ that imports next/* (the lint rule
 * names it): it reads the request, the rest of lib/auth stays framework-free.
 */

/** Who is signed in, from Clerk's session or the local session cookie; null when nobody is. Once per request. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  if (authMode() === 'clerk') {
    const { userId, sessionClaims } = await auth();
    if (!userId) return null;
    const email = typeof sessionClaims?.email === 'string' ? sessionClaims.email : null;
    return { id: userId, email };
  }
  const session = await verifySession((await cookies()).get(SESSION_COOKIE)?.value, process.env.AUTH_SECRET!);
  return session ? { id: session.userId, email: session.email } : null;
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
