import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { headObject } from '../lib/storage';
import { startBridge, type Invoke, type Route } from './bridge';
import { ensureTable, startDynamo } from './dynamo';
import { invokeInProcess } from './functions';
import { LOCAL_RESOURCES, localCloudEnv } from './env';
import { EMULATOR_CREDENTIALS, startS3 } from './s3';
import { sweepExpired } from './sweep-expired';

/** Bucket notifications, as infra/ wires them on AWS. */
export const ROUTES: Route[] = [
  { bucket: LOCAL_RESOURCES.Uploads.name, prefix: 'uploads/', functionName: 'process-image' },
  { bucket: LOCAL_RESOURCES.Media.name, prefix: 'analysis/', functionName: 'analyze-profile' },
];

const SWEEP_INTERVAL_MS = 60_000;

export interface LocalCloudOptions {
  dataDir: string;
  s3Port: number;
  dynamoPort: number;
  /** Origins allowed to upload from the browser. */
  appOrigins: string[];
  /** Buckets with no notifications, for tests that deliver events themselves. */
  extraBuckets?: string[];
  /** How the bridge runs functions; in this process by default. */
  invoke?: Invoke;
}

export interface LocalCloud {
  env: Record<string, string>;
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the emulators and the event bridge, and returns the environment under which the app and
 * the handlers reach them with the same SDK calls and `Resource` reads they make on AWS. The
 * environment is also applied to this process, so handlers run in-process see it.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  await mkdir(path.join(options.dataDir, 's3'), { recursive: true });
  await mkdir(path.join(options.dataDir, 'dynamodb'), { recursive: true });

  const s3 = await startS3({
    directory: path.join(options.dataDir, 's3'),
    port: options.s3Port,
    buckets: [LOCAL_RESOURCES.Uploads.name, LOCAL_RESOURCES.Media.name, ...(options.extraBuckets ?? [])],
    origins: options.appOrigins,
  });
  const dynamo = await startDynamo({ directory: path.join(options.dataDir, 'dynamodb'), port: options.dynamoPort }).catch(async (error) => {
    await s3.stop();
    throw error;
  });

  const env: Record<string, string> = {
    ...localCloudEnv({ s3: s3.endpoint, dynamo: dynamo.endpoint }),
    AUTH_SECRET: process.env.AUTH_SECRET ?? (await persistentSecret(path.join(options.dataDir, 'auth-secret'))),
  };
  Object.assign(process.env, env);

  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: EMULATOR_CREDENTIALS });
  await ensureTable(client, LOCAL_RESOURCES.Table.name);

  const bridge = startBridge({ events: s3.events, routes: ROUTES, invoke: options.invoke ?? invokeInProcess, describe: headObject });
  const documents = DynamoDBDocumentClient.from(client);
  const sweeper = setInterval(() => void sweepExpired(documents, LOCAL_RESOURCES.Table.name).catch(() => undefined), SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    env,
    drain: () => bridge.drain(),
    async stop() {
      clearInterval(sweeper);
      await bridge.stop();
      await Promise.allSettled([s3.stop(), dynamo.stop()]);
      client.destroy();
    },
  };
}

/** A random secret kept with the data, so sessions survive restarts of the local cloud. */
async function persistentSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}
