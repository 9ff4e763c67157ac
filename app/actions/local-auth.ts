'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { requestAddress } from '@/adapters/request-address';
import { authMode, endSession, readSession, SESSION_COOKIE, sessionCookieOptions, signIn, signInInput, signUp, signUpInput, startSession } from '@/lib/auth';
import { authSettings } from '@/lib/config';
import { UserError } from '@/lib/user-error';
import { actionClient } from './safe-action';

/** With Clerk configured these actions refuse, so a production site cannot be entered through them. */
const localAccountAction = actionClient.use(async ({ next }) => {
  if (authMode() !== 'local') throw new UserError('Local accounts are disabled on this site.');
  return next();
});

async function signedIn(account: { userId: string; email: string }) {
  const { token } = await startSession(account);
  const settings = authSettings();
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(settings.mode === 'local' && settings.local.secureCookies));
  redirect('/dashboard');
}

export const signUpAction = localAccountAction.inputSchema(signUpInput).action(async ({ parsedInput }) => {
  await signedIn(await signUp(parsedInput, { address: await requestAddress() }));
});

export const signInAction = localAccountAction.inputSchema(signInInput).action(async ({ parsedInput }) => {
  const account = await signIn(parsedInput, { address: await requestAddress() });
  if (!account) throw new UserError('Wrong email or password.');
  await signedIn(account);
});

/** Ends the session on the server, so a copy of the cookie is dead too, and then forgets the cookie. */
export async function signOutAction() {
  const jar = await cookies();
  const session = authMode() === 'local' ? await readSession(jar.get(SESSION_COOKIE)?.value) : null;
  if (session) await endSession(session);
  jar.delete(SESSION_COOKIE);
  redirect('/sign-in');
}
