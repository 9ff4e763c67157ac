import { BatchWriteCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../aws/clients';
import { allItems } from '../all-pages';
import { resources } from '../aws/resources';
import { getDb } from './client';
import { table } from './table';

/*
 * Items of a user whatever their entity, by raw key: an account deletion must empty the partition of
 * everything in it, including entities added after it was written, and prove that nothing is left.
 */

/** The partition key every item of a user's own partition shares (images, faces, jobs, sessions, settings…). */
function userPartitionKey(userId: string): string {
  const params = getDb().entities.settings.query.byUser({ userId }).params<{ ExpressionAttributeValues: Record<string, string> }>();
  return params.ExpressionAttributeValues[':pk']!;
}

type ItemKey = Record<string, string>;

/** Every item in the user's own partition, as its key and entity name, a page at a time. */
export async function listUserPartition(userId: string, cursor?: ItemKey): Promise<{ items: { key: ItemKey; entity: string }[]; cursor?: ItemKey }> {
  const page = await documentClient().send(
    new QueryCommand({
      TableName: resources.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': table.partitionKey, '#sk': table.sortKey, '#entity': '__edb_e__' },
      ExpressionAttributeValues: { ':pk': userPartitionKey(userId) },
      ProjectionExpression: '#pk, #sk, #entity',
      ExclusiveStartKey: cursor,
    }),
  );
  const items = (page.Items ?? []).map((item) => ({
    key: { [table.partitionKey]: String(item[table.partitionKey]), [table.sortKey]: String(item[table.sortKey]) },
    entity: String(item.__edb_e__ ?? 'unknown'),
  }));
  return { items, cursor: page.LastEvaluatedKey as ItemKey | undefined };
}

/** Deletes items by key, 25 to a request, retrying what DynamoDB hands back unprocessed; absent items are fine. */
export async function deleteItemsByKey(keys: ItemKey[]): Promise<void> {
  for (let start = 0; start < keys.length; start += 25) {
    let requests = keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const result = await documentClient().send(new BatchWriteCommand({ RequestItems: { [resources.tableName]: requests } }));
      requests = (result.UnprocessedItems?.[resources.tableName] ?? []) as typeof requests;
      if (attempt > 8 && requests.length > 0) throw new Error(`${requests.length} items could not be deleted; retry`);
    }
  }
}

/**
 * Every item anywhere in the table that names the user: in their partition, or carrying their id
 * (links, the local account, rate-limit counters). A full scan: for proving a deletion, not for serving.
 */
export async function scanItemsNamingUser(userId: string): Promise<Record<string, unknown>[]> {
  return allItems(async (cursor?: Record<string, unknown>) => {
    const page = await documentClient().send(
      new ScanCommand({
        TableName: resources.tableName,
        FilterExpression: '#user = :user OR #subject = :user OR #pk = :pk',
        ExpressionAttributeNames: { '#user': 'userId', '#subject': 'subject', '#pk': table.partitionKey },
        ExpressionAttributeValues: { ':user': userId, ':pk': userPartitionKey(userId) },
        ExclusiveStartKey: cursor,
      }),
    );
    return { items: page.Items ?? [], cursor: page.LastEvaluatedKey };
  });
}
