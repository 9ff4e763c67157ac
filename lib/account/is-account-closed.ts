import { findAccountClosure } from '../db';

/** Whether the account is being deleted, or was: it signs in no more, and nothing may be written for it. */
export async function isAccountClosed(userId: string): Promise<boolean> {
  return (await findAccountClosure(userId)) !== null;
}
