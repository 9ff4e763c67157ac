import { createClerkClient } from '@clerk/backend';
import { isClerkAPIResponseError } from '@clerk/backend/errors';
import { clerkApiSettings } from '../config';

/**
 * Deletes the Clerk user an account signs in as, from the account's deletion job, so a failure is
 * retried with the rest. A user Clerk no longer has counts as deleted: a retry, or Clerk deleted it first.
 */
export async function deleteClerkUser(userId: string): Promise<void> {
  const { secretKey, apiUrl } = clerkApiSettings();
  if (!secretKey) throw new Error('CLERK_SECRET_KEY is not set where accounts are deleted, so the Clerk user cannot be deleted.');
  try {
    await createClerkClient({ secretKey, ...(apiUrl ? { apiUrl } : {}) }).users.deleteUser(userId);
  } catch (error) {
    if (isClerkAPIResponseError(error) && error.status === 404) return;
    throw error;
  }
}
