import 'server-only';
import { isClerkAPIResponseError } from '@clerk/nextjs/errors';
import { clerkClient } from '@clerk/nextjs/server';
import { CLERK_API_WAIT_MS, ClerkUnavailableError } from '@/lib/auth/clerk-api';

/*
 * Clerk's backend API, for the account itself: the email it is known by (session claims carry it only
 * when the instance is configured to). The Clerk user is deleted by the account's deletion job (lib/account/delete-clerk-user.ts).
 */

/** The account's primary email address (null when Clerk has no such user), or ClerkUnavailableError when Clerk's API fails or does not answer within CLERK_API_WAIT_MS. */
export async function clerkAccountEmail(userId: string): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClerkUnavailableError()), CLERK_API_WAIT_MS);
  });
  try {
    const user = await Promise.race([(await clerkClient()).users.getUser(userId), deadline]);
    return user.primaryEmailAddress?.emailAddress ?? null;
  } catch (error) {
    if (isClerkAPIResponseError(error) && error.status === 404) return null;
    if (!(error instanceof ClerkUnavailableError)) console.error('Clerk API: reading the account failed', error);
    throw new ClerkUnavailableError();
  } finally {
    clearTimeout(timer);
  }
}
