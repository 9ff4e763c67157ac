import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { table } from '@/lib/db/table';
import { sweepExpired } from '../../local/sweep-expired';

describe('the local cloud’s sweep of expired items', () => {
  it('removes items whose expiresAt has passed, as DynamoDB TTL eventually would, and keeps the rest', async () => {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const now = Date.now();
    const item = (id: string, expiresAt?: number) => ({ [table.partitionKey]: `$test#sweep_${now}`, [table.sortKey]: id, ...(expiresAt ? { [table.ttlAttribute]: expiresAt } : {}) });
    const key = (id: string) => ({ [table.partitionKey]: `$test#sweep_${now}`, [table.sortKey]: id });
    for (const entry of [item('expired', Math.floor(now / 1000) - 60), item('later', Math.floor(now / 1000) + 3600), item('forever')]) {
      await client.send(new PutCommand({ TableName: resources.tableName, Item: entry }));
    }

    expect(await sweepExpired(client, resources.tableName, now)).toBeGreaterThanOrEqual(1);
    const exists = async (id: string) => Boolean((await client.send(new GetCommand({ TableName: resources.tableName, Key: key(id) }))).Item);
    expect(await exists('expired')).toBe(false);
    expect(await exists('later')).toBe(true);
    expect(await exists('forever')).toBe(true);
  });
});
