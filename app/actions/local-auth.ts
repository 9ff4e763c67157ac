'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { authMode, SESSION_COOKIE, sessionCookieOptions, signIn, signInInput, signSession, signUp, signUpInput, type Session } from '@/lib/auth';
import { UserError } from '@/lib/user-error';
import { actionClient } from './safe-action';

/** With Clerk configured these actions refuse, so a production site cannot be entered through them. */
const localAccountAction = actionClient.use(async ({ next }) => {
  if (authMode() !== 'local') throw new UserError('Local accounts are disabled on this site.');
  return next();
});

async function startSession(session: Session) {
  const token = await signSession(session, process.env.AUTH_SECRET!);
  // Only the local cloud serves plain http; anywhere else the cookie must never travel unencrypted.
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(process.env.HEADSHOT_LOCAL_CLOUD !== '1'));
  redirect('/dashboard');
}

export const signUpAction = localAccountAction.inputSchema(signUpInput).action(async ({ parsedInput }) => {
  await startSession(await signUp(parsedInput));
});

export const signInAction = localAccountAction.inputSchema(signInInput).action(async ({ parsedInput }) => {
  const session = await signIn(parsedInput);
  if (!session) throw new UserError('Wrong email or password.');
  await startSession(session);
});

export async function signOutAction() {
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/sign-in');
}
