import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { table } from '@/lib/db/table';
import { s3Client } from '@/lib/aws/clients';
import { headObject, writeObject } from '@/lib/storage';
import { MEDIA_EXPIRY_RULES } from '@/lib/storage/lifecycle';
import { expireObjects } from '../../local/expire-objects';
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

describe('the local cloud’s lifecycle expiration', () => {
  it('removes export archives and requests once they are older than their rule, as the bucket’s lifecycle rules do, and nothing else', async () => {
    const user = `usr_lifecycle${Date.now()}`;
    // Not a request's own name: one would start an export job, which finds no export and cleans up after it.
    const keys = [`exports/${user}/e1/headshot-export.zip`, `export-requests/${user}/e1/notes.txt`, `images/${user}/i1/w256.webp`];
    for (const key of keys) await writeObject(resources.mediaBucket, key, Buffer.from('x'), 'application/octet-stream');
    const day = 24 * 3600 * 1000;
    await expireObjects(s3Client(), resources.mediaBucket, MEDIA_EXPIRY_RULES, Date.now() + 6 * day);
    for (const key of keys) expect(await headObject(resources.mediaBucket, key), key).not.toBeNull();
    await expireObjects(s3Client(), resources.mediaBucket, MEDIA_EXPIRY_RULES, Date.now() + 8 * day);
    expect(await headObject(resources.mediaBucket, keys[0]!)).toBeNull();
    expect(await headObject(resources.mediaBucket, keys[1]!)).toBeNull();
    expect(await headObject(resources.mediaBucket, keys[2]!)).not.toBeNull();
  });
});
