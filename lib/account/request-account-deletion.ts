import { z } from 'zod';
import { resources } from '../aws/resources';
import { closeAccount } from '../db';
import { revokeEveryLink } from './revoke-every-link';
import { expectJob } from '../jobs/expect-job';
import { accountDeletionKey, writeObject } from '../storage';
import { deleteAccountJob } from './delete-account-job';

/** What the deletion's trigger object says: the sign-in identities to delete with the account. */
export const AccountDeletionRequestSchema = z.object({
  /** The local account's email, when there is one to delete. */
  email: z.string().email().optional(),
  /** The Clerk user the account signs in as is deleted too (not when Clerk deleted it first). */
  clerkUser: z.literal(true).optional(),
  requestedAt: z.number().int().positive(),
  requestedBy: z.enum(['owner', 'clerk-webhook']),
});

export type AccountDeletionRequest = z.infer<typeof AccountDeletionRequestSchema>;

/**
 * Starts deleting an account: the account is marked closed (nothing new is written for it from then
 * on) and its share links end, both at once, and the CDN is asked to forget their files; then the
 * deletion job is expected and its request written, whose arrival runs it. Asking again runs the
 * deletion again, which finds less to do each time.
 */
export async function requestAccountDeletion(userId: string, request: Omit<AccountDeletionRequest, 'requestedAt'>, now = Date.now()): Promise<void> {
  const body = AccountDeletionRequestSchema.parse({ ...request, requestedAt: now });
  await closeAccount(userId, now);
  await revokeEveryLink(userId);
  const key = accountDeletionKey(userId);
  await expectJob(deleteAccountJob, { userId, subjectId: userId }, key, now);
  await writeObject(resources.mediaBucket, key, Buffer.from(JSON.stringify(body)), 'application/json');
}
