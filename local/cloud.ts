import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { jobTiming } from '../lib/jobs/timing';
import { log } from '../lib/observability/log';
import { JOB_WIRING, type JobWiring } from '../lib/jobs/wiring';
import { headObject } from '../lib/storage';
import { startBridge, type Invoke, type Route } from './bridge';
import { ensureTable, reloadTable, startDynamo } from './dynamo';
import { serviceFunctionSpecs } from '../infra/function-specs';
import { functionTimeoutMs, invokeInProcess } from './functions';
import { LOCAL_DISTRIBUTION_ID, LOCAL_RESOURCES, localCloudEnv } from './env';
import { startCloudFrontStub, type CloudFrontStub } from './cloudfront-stub';
import { mediaKeyEnv, persistentMediaSigningKey } from './cdn/media-keys';
import { startRealtime } from './realtime';
import { EMULATOR_CREDENTIALS, startS3 } from './s3';
import { s3Client } from '../lib/aws/clients';
import { MEDIA_EXPIRY_RULES } from '../lib/storage/lifecycle';
import { expireObjects } from './expire-objects';
import { sweepExpired } from './sweep-expired';

/** Bucket notifications and their dead-letter consumer, as infra/ wires them on AWS: a route per row of the job-wiring table. */
export function jobRoutes(wiring: readonly JobWiring[] = JOB_WIRING): Route[] {
  return wiring.map((row) => ({ bucket: LOCAL_RESOURCES[row.trigger.bucket].name, prefix: row.trigger.prefix, functionName: row.name, deadLetterFunction: serviceFunctionSpecs().storeDeadLetter.name }));
}

/** How often DynamoDB's TTL deletion is emulated, and the job sweep run, by default (AWS: every 5 minutes). */
const SWEEP_INTERVAL_MS = 60_000;

/** What EventBridge Scheduler hands the sweep function on AWS. */
function scheduledEvent() {
  return { version: '0', id: randomBytes(8).toString('hex'), 'detail-type': 'Scheduled Event', source: 'aws.events', time: new Date().toISOString(), detail: {} };
}

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
  /** How often the sweep runs; it also runs once at start, to settle what a crash left in flight. */
  sweepIntervalMs?: number;
  /** The live-updates broker's port (MQTT over WebSocket and IoT Data Plane's Publish); a free one by default. */
  realtimePort?: number;
}

export interface LocalCloud {
  env: Record<string, string>;
  /** The DynamoDB emulator, to take it down and bring it back on the same port and data, as an outage would. */
  dynamo: { stop(): Promise<void>; start(): Promise<void> };
  drain(): Promise<void>;
  /** Runs the sweep function now, as its schedule would. */
  sweep(): Promise<void>;
  /** CloudFront's stand-in, to see what was invalidated, or have it refuse as CloudFront would. */
  cloudFront: CloudFrontStub;
  stop(): Promise<void>;
}

/**
 * Starts the emulators, CloudFront's stand-in, the event bridge and the sweep's schedule, and returns
 * the environment under which the app and the handlers reach them with the same SDK calls and
 * `Resource` reads they make on AWS. The environment is also applied to this process, so handlers run
 * in-process see it.
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
  const dynamoDirectory = path.join(options.dataDir, 'dynamodb');
  const dynamo = await startDynamo({ directory: dynamoDirectory, port: options.dynamoPort }).catch(async (error) => {
    await s3.stop();
    throw error;
  });

  const invoke = options.invoke ?? invokeInProcess;
  const realtime = await startRealtime({ port: options.realtimePort ?? 0, invoke }).catch(async (error) => {
    await Promise.allSettled([s3.stop(), dynamo.stop()]);
    throw error;
  });
  const cloudFront = await startCloudFrontStub({ distributionId: LOCAL_DISTRIBUTION_ID });

  const env: Record<string, string> = {
    ...localCloudEnv({ s3: s3.endpoint, dynamo: dynamo.endpoint, realtime, cloudFront }),
    AUTH_SECRET: process.env.AUTH_SECRET ?? (await persistentSecret(path.join(options.dataDir, 'auth-secret'))),
    ...mediaKeyEnv(process.env.MEDIA_SIGNING_KEY ?? (await persistentMediaSigningKey(path.join(options.dataDir, 'media-signing-key.pem')))),
  };
  Object.assign(process.env, env);

  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: EMULATOR_CREDENTIALS });
  await ensureTable(client, LOCAL_RESOURCES.Table.name);
  if (!dynamo.stoppedCleanly) {
    const items = await reloadTable(client, LOCAL_RESOURCES.Table.name);
    log.warn('The local DynamoDB was not stopped cleanly last time: its table was reloaded, so that its indexes match its items', { items });
  }

  const bridge = startBridge({
    events: s3.events,
    routes: jobRoutes(),
    invoke,
    describe: headObject,
    // SQS keeps a failed message invisible for longer than a run's lease, so its next delivery finds a dead run's lease run out.
    visibilityTimeoutMs: jobTiming().leaseMs + 2000,
    functionTimeoutMs,
  });
  const documents = DynamoDBDocumentClient.from(client);
  const sweep = async () => {
    await sweepExpired(documents, LOCAL_RESOURCES.Table.name).catch((error: unknown) => log.warn('TTL sweep failed', { error: String(error) }));
    await expireObjects(s3Client(), LOCAL_RESOURCES.Media.name, MEDIA_EXPIRY_RULES).catch((error: unknown) => log.warn('Lifecycle expiration failed', { error: String(error) }));
    await invoke('sweep', scheduledEvent()).catch((error: unknown) => log.warn('The sweep function failed', { error: String(error) }));
  };
  const sweeper = setInterval(() => void sweep(), options.sweepIntervalMs ?? SWEEP_INTERVAL_MS);
  sweeper.unref();
  void sweep();

  return {
    env,
    dynamo: { stop: () => dynamo.pause(), start: () => dynamo.resume() },
    drain: () => bridge.drain(),
    sweep,
    cloudFront,
    async stop() {
      clearInterval(sweeper);
      await bridge.stop();
      await Promise.allSettled([s3.stop(), dynamo.stop(), realtime.stop(), cloudFront.stop()]);
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
