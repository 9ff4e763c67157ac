'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { requestAddress } from '@/adapters/request-address';
import { authMode, DEVICE_COOKIE, deviceCookieOptions, endSession, readSession, SESSION_COOKIE, sessionCookieOptions, signIn, signInInput, signKnownDevice, signUp, signUpInput, startSession } from '@/lib/auth';
import { authSettings, requestSettings } from '@/lib/config';
import { MEDIA_ACCESS_NOTE_COOKIE, staleMediaAccessCookies } from '@/lib/media-access';
import { UserError } from '@/lib/user-error';
import { actionClient } from './safe-action';

/** With Clerk configured these actions refuse, so a production site cannot be entered through them. */
const localAccountAction = actionClient.use(async ({ next }) => {
  if (authMode() !== 'local') throw new UserError('Local accounts are disabled on this site.');
  return next();
});

/** Starts the session, and marks this browser as a known device of the account (lib/auth/known-device.ts). */
async function signedIn(account: { userId: string; email: string }) {
  const { token } = await startSession(account);
  const settings = authSettings();
  const secure = settings.mode === 'local' && settings.local.secureCookies;
  const jar = await cookies();
  jar.set(SESSION_COOKIE, token, sessionCookieOptions(secure));
  jar.set(DEVICE_COOKIE, await signKnownDevice(account.userId), deviceCookieOptions(secure));
  redirect('/dashboard');
}

export const signUpAction = localAccountAction.inputSchema(signUpInput).action(async ({ parsedInput }) => {
  await signedIn(await signUp(parsedInput, { address: await requestAddress() }));
});

export const signInAction = localAccountAction.inputSchema(signInInput).action(async ({ parsedInput }) => {
  const account = await signIn(parsedInput, { address: await requestAddress(), device: (await cookies()).get(DEVICE_COOKIE)?.value });
  if (!account) throw new UserError('Wrong email or password.');
  await signedIn(account);
});

/** Ends the session on the server, so a copy of the cookie is dead too, and then forgets the cookie and the media cookies. */
export async function signOutAction() {
  const jar = await cookies();
  const session = authMode() === 'local' ? await readSession(jar.get(SESSION_COOKIE)?.value) : null;
  if (session) await endSession(session);
  jar.delete(SESSION_COOKIE);
  for (const cookie of staleMediaAccessCookies(jar.get(MEDIA_ACCESS_NOTE_COOKIE)?.value, null, !requestSettings().localCloud)) jar.set(cookie);
  redirect('/sign-in');
}
