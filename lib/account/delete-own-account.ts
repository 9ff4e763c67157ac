import { z } from 'zod';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { UserError } from '../user-error';
import { ACCOUNT_DELETION_LIMIT } from './limits';
import { requestAccountDeletion } from './request-account-deletion';

export const deleteAccountInput = z.object({ email: z.string().trim().min(1, 'Type the email address of this account to confirm.').max(320) });

/**
 * The owner's "Delete account": confirmed by typing the account's email, then everything goes in the
 * background (lib/account/delete-account.ts). `account.email` is what the account is known by;
 * `account.local` and `account.clerk` say whether a local account, or a Clerk user, goes with it.
 */
export async function deleteOwnAccount(userId: string, account: { email: string | null; local: boolean; clerk: boolean }, input: unknown, now = Date.now()): Promise<void> {
  const { email } = deleteAccountInput.parse(input);
  if (!account.email || email.toLowerCase() !== account.email.toLowerCase()) throw new UserError('That is not the email address of this account.');
  await enforceRateLimit(ACCOUNT_DELETION_LIMIT, userId, (minutes) => `Too many attempts; try again in ${inMinutes(minutes)}.`, now);
  await requestAccountDeletion(userId, { requestedBy: 'owner', ...(account.local ? { email: account.email } : {}), ...(account.clerk ? { clerkUser: true as const } : {}) }, now);
}
