import 'server-only';
import { clerkClient } from '@clerk/nextjs/server';

/*
 * Clerk's backend API, for the account itself: the email it is known by (session claims carry it only
 * when the instance is configured to). The Clerk user is deleted by the account's deletion job (lib/account/delete-clerk-user.ts).
 */

export async function clerkAccountEmail(userId: string): Promise<string | null> {
  const user = await (await clerkClient()).users.getUser(userId);
  return user.primaryEmailAddress?.emailAddress ?? null;
}
