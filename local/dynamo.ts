import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  paginateScan,
  ResourceNotFoundException,
  type AttributeValue,
  type CreateTableCommandInput,
  type WriteRequest,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { table } from '../lib/db/table';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

export interface DynamoEmulator {
  endpoint: string;
  port: number;
  /** False when the process that last served this data did not stop (killed, crashed): see reloadTable. */
  stoppedCleanly: boolean;
  /**
   * Takes it off the network as an outage does: new connections are refused and open ones cut, so
   * requests under way fail on the client. Its data stays as it is, and is served again by resume().
   */
  pause(): Promise<void>;
  /** Serves again, on the same port and data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts dynalite, persisted in `directory`. */
export async function startDynamo(options: { directory: string; port: number }): Promise<DynamoEmulator> {
  // There while a process serves the data; a stop removes it, so finding it means the last one never stopped.
  const inUse = path.join(options.directory, 'in-use');
  const stoppedCleanly = !existsSync(inUse);
  // LevelDB makes the folder as it opens, which can come after the mark is written.
  await mkdir(options.directory, { recursive: true });
  const server = dynalite({ path: options.directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port);
  await writeFile(inUse, `${process.pid}\n`);
  const { port } = server.address() as AddressInfo;
  let paused = false;
  const resume = async () => {
    if (!paused) return;
    await listen(port);
    paused = false;
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stoppedCleanly,
    pause: async () => {
      if (paused) return;
      paused = true;
      // HTTP's own close, not dynalite's, which would also close the database under requests still running.
      const closed = new Promise<void>((resolve) => http.Server.prototype.close.call(server, () => resolve()));
      server.closeAllConnections();
      await closed;
    },
    resume,
    stop: async () => {
      await resume();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(inUse, { force: true });
    },
  };
}

/** The CreateTable request for the shared table definition. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const indexes = Object.entries(table.globalIndexes);
  const keys = [table.partitionKey, table.sortKey, ...indexes.flatMap(([, index]) => [index.partitionKey, index.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keys.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      { AttributeName: table.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/** Creates the table unless it exists. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  }
}

/**
 * dynalite writes an item's index entries and then the item, as separate LevelDB writes, so a kill
 * between them leaves an index that has lost the item or holds a version of it the table never got
 * (a job the sweep can no longer find, in the chaos test). DynamoDB never does either. After a process
 * that did not stop, the table is reloaded: every item read, the table made again, and the items
 * written back, so that each index is built from the items alone. Returns how many items it held.
 */
export async function reloadTable(client: DynamoDBClient, tableName: string): Promise<number> {
  const items: Record<string, AttributeValue>[] = [];
  for await (const page of paginateScan({ client }, { TableName: tableName, ConsistentRead: true })) items.push(...(page.Items ?? []));
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await waitUntilTableNotExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    let requests: WriteRequest[] = items.slice(start, start + BATCH_WRITE_LIMIT).map((item) => ({ PutRequest: { Item: item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = UnprocessedItems?.[tableName] ?? [];
    }
  }
  return items.length;
}

/** BatchWriteItem's most items a request. */
const BATCH_WRITE_LIMIT = 25;
