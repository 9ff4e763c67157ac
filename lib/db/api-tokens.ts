import { getDb } from './client';
import { conditionally } from './conditions';
import type { ApiTokenItem } from './entities/api-token';
import { releaseSlot, reserveSlot } from './slots';

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

/** Takes one of the user's `limit` token slots; false when all are taken. */
export function reserveApiTokenSlot(userId: string, limit: number): Promise<boolean> {
  return reserveSlot('apiTokenSlots', userId, limit);
}

/** Gives a token slot back. */
export function releaseApiTokenSlot(userId: string): Promise<void> {
  return releaseSlot('apiTokenSlots', userId);
}
