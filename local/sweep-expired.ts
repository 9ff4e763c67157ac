import { DeleteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allPages } from '../lib/all-pages';
import { table } from '../lib/db/table';

/**
 * DynamoDB's TTL deletes expired items eventually, and dynalite never does. Reads already treat
 * an item past `expiresAt` as gone; this sweep removes them so the local table does not grow.
 */
export async function sweepExpired(client: DynamoDBDocumentClient, tableName: string, now = Date.now()): Promise<number> {
  let removed = 0;
  const scanExpired = async (startKey?: Record<string, unknown>) => {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#ttl < :now',
        ExpressionAttributeNames: { '#ttl': table.ttlAttribute },
        ExpressionAttributeValues: { ':now': Math.floor(now / 1000) },
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: page.Items ?? [], cursor: page.LastEvaluatedKey };
  };
  for await (const items of allPages(scanExpired)) {
    for (const item of items) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: { [table.partitionKey]: item[table.partitionKey], [table.sortKey]: item[table.sortKey] } }));
      removed += 1;
    }
  }
  return removed;
}
