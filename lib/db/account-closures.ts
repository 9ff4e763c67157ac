import { getDb } from './client';
import { conditionally } from './conditions';
import type { AccountClosureItem } from './entities/account-closure';

// Marks an account as closing; the first mark is kept, so asking again changes nothing.
export async function closeAccount(userId: string, now: number): Promise<void> {
  await conditionally(getDb().entities.accountClosure.create({ userId, requestedAt: now }).go({ response: 'none' }));
}

export async function findAccountClosure(userId: string): Promise<AccountClosureItem | null> {
  const { data } = await getDb().entities.accountClosure.get({ userId }).go();
  return data;
}

// The deletion is over: the mark stays until the table's TTL takes it.
export async function expireAccountClosure(userId: string, expiresAtSeconds: number): Promise<void> {
  await conditionally(getDb().entities.accountClosure.patch({ userId }).set({ expiresAt: expiresAtSeconds }).go({ response: 'none' }));
}
