import { createRequire } from 'node:module';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { table } from '../lib/db/table';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

export interface DynamoEmulator {
  endpoint: string;
  port: number;
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
