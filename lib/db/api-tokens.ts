import { getDb } from './client';
import { conditionally } from './conditions';
import type { ApiTokenItem } from './entities/api-token';

/** Records a new token; refuses to write over one with the same id. */
export async function insertApiToken(token: ApiTokenItem): Promise<void> {
  await getDb().entities.apiToken.create(token).go({ response: 'none' });
}

/** One token of a user, read consistently, so a revocation counts from the next request on. */
export async function findApiToken(userId: string, tokenId: string): Promise<ApiTokenItem | null> {
  const { data } = await getDb().entities.apiToken.get({ userId, tokenId }).go({ consistent: true });
  return data;
}

/** Every token of a user, in id order (the caller sorts for display). */
export async function listApiTokenItems(userId: string): Promise<ApiTokenItem[]> {
  const { data } = await getDb().entities.apiToken.query.byUser({ userId }).go({ pages: 'all' });
  return data;
}

/** Deletes one token; false when the user has no such token. */
export async function deleteApiToken(userId: string, tokenId: string): Promise<boolean> {
  return conditionally(getDb().entities.apiToken.delete({ userId, tokenId }).where(({ tokenId: id }, { exists }) => exists(id)).go({ response: 'none' }));
}

/** Notes a use, unless one was noted after `since` (a write a minute per token, not one per request). */
export async function touchApiToken(userId: string, tokenId: string, now: number, since: number): Promise<void> {
  await conditionally(
    getDb()
      .entities.apiToken.patch({ userId, tokenId })
      .set({ lastUsedAt: now })
      .where(({ lastUsedAt }, { notExists, lt }) => `${notExists(lastUsedAt)} OR ${lt(lastUsedAt, since)}`)
      .go({ response: 'none' }),
  );
}

/** Takes one of the user's `limit` token slots, in one conditional update; false when all are taken. */
export async function reserveApiTokenSlot(userId: string, limit: number): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.apiTokenSlots.update({ userId })
      .add({ used: 1 })
      .where(({ used }, { notExists, lt }) => `${notExists(used)} OR ${lt(used, limit)}`)
      .go({ response: 'none' }),
  );
}

/** Gives a slot back; never below zero, and nothing once the account's items are gone. */
export async function releaseApiTokenSlot(userId: string): Promise<void> {
  await conditionally(
    getDb()
      .entities.apiTokenSlots.patch({ userId })
      .subtract({ used: 1 })
      .where(({ used }, { gt }) => gt(used, 0))
      .go({ response: 'none' }),
  );
}
