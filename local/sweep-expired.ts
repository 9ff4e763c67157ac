import { DeleteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { table } from '../lib/db/table';

/**
 * DynamoDB's TTL deletes expired items eventually, and dynalite never does. Reads already treat
 * an item past `expiresAt` as gone; this sweep removes them so the local table does not grow.
 */
export async function sweepExpired(client: DynamoDBDocumentClient, tableName: string, now = Date.now()): Promise<number> {
  let removed = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#ttl < :now',
        ExpressionAttributeNames: { '#ttl': table.ttlAttribute },
        ExpressionAttributeValues: { ':now': Math.floor(now / 1000) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: { [table.partitionKey]: item[table.partitionKey], [table.sortKey]: item[table.sortKey] } }));
      removed += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return removed;
}
