import 'server-only';
import { auth } from '@clerk/nextjs/server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { isAccountClosed } from '@/lib/account/is-account-closed';
import { readSession, SESSION_COOKIE, type CurrentUser } from '@/lib/auth';
import { authSettings } from '@/lib/config';
import { UserError } from '@/lib/user-error';

/*
 * The framework's side of sign-in: reads the request (Clerk's session, or the local session cookie)
 * and hands lib/ a plain user. Every page, route and server action takes the user from here, never
 * from its input, and so every one of them passes the same closure check: an account being deleted,
 * or deleted, reads and writes nothing more, whatever session it still holds. Pages and layouts use
 * pageUser, route handlers routeUser, server actions requireUser (app/actions/safe-action.ts).
 */

/** Who the request's session names, whatever the state of their account; null when nobody. A local session must still exist: signing out ends it everywhere. */
const sessionUser = async (): Promise<CurrentUser | null> => {
  if (authSettings().mode === 'clerk') {
    const { userId, sessionClaims } = await auth();
    if (!userId) return null;
    const email = typeof sessionClaims?.email === 'string' ? sessionClaims.email : null;
    return { id: userId, email, sessionId: null };
  }
  const session = await readSession((await cookies()).get(SESSION_COOKIE)?.value);
  return session ? { id: session.userId, email: session.email, sessionId: session.sessionId } : null;
};

type Visitor = { state: 'anonymous' } | { state: 'closed' } | { state: 'open'; user: CurrentUser };

/** The one place the closure mark is read for a request (lib/account/is-account-closed.ts). Once per request. */
const visitor = cache(async (): Promise<Visitor> => {
  const user = await sessionUser();
  if (!user) return { state: 'anonymous' };
  return (await isAccountClosed(user.id)) ? { state: 'closed' } : { state: 'open', user };
});

/** Who is signed in; null when nobody is, and for a closed account. */
export async function currentUser(): Promise<CurrentUser | null> {
  const found = await visitor();
  return found.state === 'open' ? found.user : null;
}

export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
  constructor() {
    super('You need to sign in.');
  }
}

export class AccountClosedError extends UserError {
  override name = 'AccountClosedError';
  constructor() {
    super('This account has been deleted.');
  }
}

/** The signed-in user, or an error for an anonymous call and for a closed account. */
export async function requireUser(): Promise<CurrentUser> {
  const found = await visitor();
  if (found.state === 'anonymous') throw new UnauthenticatedError();
  if (found.state === 'closed') throw new AccountClosedError();
  return found.user;
}

/** For pages, layouts and server components: the signed-in user, or off to sign in, or to the page that says the account is being deleted. */
export async function pageUser(): Promise<CurrentUser> {
  const found = await visitor();
  if (found.state === 'anonymous') redirect('/sign-in');
  if (found.state === 'closed') redirect('/account-deleted');
  return found.user;
}

/** For route handlers: the signed-in user, or the answer to send instead (401 for nobody, 403 for a closed account). */
export async function routeUser(): Promise<CurrentUser | Response> {
  const found = await visitor();
  if (found.state === 'open') return found.user;
  const [status, error] = found.state === 'anonymous' ? [401, new UnauthenticatedError().message] : [403, new AccountClosedError().message];
  return Response.json({ error }, { status, headers: { 'Cache-Control': 'no-store' } });
}
