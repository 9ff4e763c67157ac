import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../aws/clients';
import { resources } from '../aws/resources';
import { getDb } from './client';
import { conditionally } from './conditions';
import type { AccountClosureItem } from './entities/account-closure';
import type { ApiTokenItem } from './entities/api-token';
import { releaseSlot, reserveSlot } from './slots';
import { table } from './table';

type ItemKey = Record<string, string>;

/** Records a new token; refuses to write over one with the same id. */
export async function insertApiToken(token: ApiTokenItem): Promise<void> {
  await getDb().entities.apiToken.create(token).go({ response: 'none' });
}

/**
 * One token of a user and the user's closing mark, both read consistently in one BatchGetItem: the
 * two reads that decide every API request, for the CPU and round trip of one. A revocation or a
 * closure counts from the next request on. ElectroDB batches one entity at a time, so the keys are
 * its own and the items are read back through it.
 */
export async function findApiTokenAndClosure(userId: string, tokenId: string): Promise<{ token: ApiTokenItem | null; closure: AccountClosureItem | null }> {
  const { apiToken, accountClosure } = getDb().entities;
  const tokenKey = apiToken.get({ userId, tokenId }).params<{ Key: ItemKey }>().Key;
  let keys = [tokenKey, accountClosure.get({ userId }).params<{ Key: ItemKey }>().Key];
  const found = { token: null as ApiTokenItem | null, closure: null as AccountClosureItem | null };
  for (let attempt = 0; keys.length > 0; attempt++) {
    // DynamoDB hands back keys it could not read (throttling) as unprocessed: read them again, after a pause.
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    if (attempt > 8) throw new Error('The token could not be read; retry');
    const result = await documentClient().send(new BatchGetCommand({ RequestItems: { [resources.tableName]: { Keys: keys, ConsistentRead: true } } }));
    for (const item of result.Responses?.[resources.tableName] ?? []) {
      const isToken = item[table.partitionKey] === tokenKey[table.partitionKey] && item[table.sortKey] === tokenKey[table.sortKey];
      if (isToken) found.token = apiToken.parse({ Item: item }).data;
      else found.closure = accountClosure.parse({ Item: item }).data;
    }
    keys = (result.UnprocessedKeys?.[resources.tableName]?.Keys ?? []) as typeof keys;
  }
  return found;
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
