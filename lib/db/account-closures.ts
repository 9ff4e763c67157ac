import { getDb } from './client';
import { conditionally } from './conditions';
import type { AccountClosureItem } from './entities/account-closure';

/** Marks an account as closing, before its deletion starts; the first mark is kept, so asking again changes nothing. */
export async function closeAccount(userId: string, now: number): Promise<void> {
  await conditionally(getDb().entities.accountClosure.create({ userId, requestedAt: now }).go({ response: 'none' }));
}

/** The account's closing mark: null for an account never closed, and again once the table's TTL has taken the mark after the deletion. */
export async function findAccountClosure(userId: string): Promise<AccountClosureItem | null> {
  const { data } = await getDb().entities.accountClosure.get({ userId }).go();
  return data;
}

/** For the end of the deletion: the mark stays, still refusing older session tokens, until the table's TTL takes it at expiresAtSeconds. */
export async function expireAccountClosure(userId: string, expiresAtSeconds: number): Promise<void> {
  await conditionally(getDb().entities.accountClosure.patch({ userId }).set({ expiresAt: expiresAtSeconds }).go({ response: 'none' }));
}
