import 'server-only';
import { clerkClient } from '@clerk/nextjs/server';

/*
 * Clerk's backend API, for the account itself: the email it is known by (session claims carry it only
 * when the instance is configured to), and deleting the Clerk user once the app's own data is on its way out.
 */

export async function clerkAccountEmail(userId: string): Promise<string | null> {
  const user = await (await clerkClient()).users.getUser(userId);
  return user.primaryEmailAddress?.emailAddress ?? null;
}

export async function deleteClerkUser(userId: string): Promise<void> {
  await (await clerkClient()).users.deleteUser(userId);
}
