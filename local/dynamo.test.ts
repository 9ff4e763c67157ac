import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { ensureTable, reloadTable, startDynamo } from './dynamo';
import { EMULATOR_CREDENTIALS } from './s3';

const TABLE = 'KillTest';
const scratch = await mkdtemp(path.join(os.tmpdir(), 'headshot-dynamo-kill-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Serves the folder in a child process that moves items along gsi2 until it is killed with SIGKILL, after `ms`. */
async function killWhileWriting(directory: string, ms: number): Promise<void> {
  const child = fork(path.resolve(import.meta.dirname, '../tests/support/dynamo-index-writer.ts'), [directory, TABLE], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the writer exited with ${code} before it wrote`)));
  });
  await new Promise((resolve) => setTimeout(resolve, ms));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

it('after a kill in the middle of writes, the next start has indexes that match the items, as DynamoDB always does', async () => {
  const directory = path.join(scratch, 'data');
  for (const ms of [400, 800]) {
    await killWhileWriting(directory, ms);
    const dynamo = await startDynamo({ directory, port: 0 });
    expect(dynamo.stoppedCleanly).toBe(false);
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: EMULATOR_CREDENTIALS });
    try {
      await ensureTable(client, TABLE);
      await reloadTable(client, TABLE);
      const { Items: items = [] } = await client.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true }));
      const { Items: indexed = [] } = await client.send(new QueryCommand({ TableName: TABLE, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :due', ExpressionAttributeValues: { ':due': { S: 'due' } } }));
      // Each item once, at the place it says it is: none lost from the index, none there at a place it never reached.
      expect(indexed.map((item) => item.gsi2sk?.S).sort()).toEqual(items.map((item) => item.gsi2sk?.S).sort());
    } finally {
      client.destroy();
      await dynamo.stop();
    }
    expect((await startDynamo({ directory, port: 0 }).then(async (again) => (await again.stop(), again))).stoppedCleanly).toBe(true);
  }
  // Two writer processes and four starts of the emulator: ~8 s on a quiet machine, more than 30 s in a CI run
  // whose unit lane had a fifth of the two cores (docs/architecture.md#ci).
}, 120_000);
