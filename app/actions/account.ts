'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { clerkAccountEmail } from '@/adapters/clerk-account';
import { deleteAccountInput, deleteOwnAccount } from '@/lib/account/delete-own-account';
import { endSession, readSession, SESSION_COOKIE } from '@/lib/auth';
import { authMode } from '@/lib/auth/mode';
import { authedAction } from './safe-action';

/** Settings → Delete account: starts the deletion, signs the owner out everywhere, and shows the last page. */
export const deleteAccountAction = authedAction.inputSchema(deleteAccountInput).action(async ({ parsedInput, ctx }) => {
  const clerk = authMode() === 'clerk';
  const email = clerk ? await clerkAccountEmail(ctx.user.id) : ctx.user.email;
  // The deletion job deletes the Clerk user too, retried with the rest; Clerk's user.deleted webhook then finds the account closed.
  await deleteOwnAccount(ctx.user.id, { email, local: !clerk, clerk }, parsedInput);
  if (!clerk) {
    const jar = await cookies();
    const session = await readSession(jar.get(SESSION_COOKIE)?.value);
    if (session) await endSession(session);
    jar.delete(SESSION_COOKIE);
  }
  redirect('/account-deleted');
});
