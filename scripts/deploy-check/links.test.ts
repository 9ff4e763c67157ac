import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serviceFunctionSpecs, type FunctionSpec } from '../../infra/function-specs';
import { ensureTable, startDynamo, type DynamoEmulator } from '../../local/dynamo';
import { LOCAL_RESOURCES, localCloudEnv } from '../../local/env';
import { EMULATOR_CREDENTIALS } from '../../local/s3';
import { repoRoot } from '../sst-platform';
import { checkSweep } from './function-checks';
import { FunctionHosts } from './function-hosts';
import { functionArn, lambdaEnvironment } from './lambda-environment';
import { Report } from './report';
import { buildFunction } from './sst-function-build';

/*
 * A function gets only its spec's links, in its own resource.enc, as on AWS: the sweep bundle, built
 * and run as deploy:check runs it against a DynamoDB emulator, passes the check with its links and
 * fails it, naming the link, with one taken out of its spec.
 */

const sweep = serviceFunctionSpecs().sweep;
let scratch: string;
let dynamo: DynamoEmulator;
let cloudEnv: Record<string, string>;
/** The sweep's bundle: its links are not in it, but in the resource.enc each run writes beside it. */
let bundleDir: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'headshot-links-'));
  dynamo = await startDynamo({ directory: path.join(scratch, 'dynamodb'), port: 0 });
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: EMULATOR_CREDENTIALS });
  await ensureTable(client, LOCAL_RESOURCES.Table.name);
  client.destroy();
  // No S3 or broker is reached: a sweep of an empty table reads the table only.
  cloudEnv = localCloudEnv({ s3: 'http://127.0.0.1:9', dynamo: dynamo.endpoint, realtime: { endpoint: '127.0.0.1:9', dataPlaneUrl: 'http://127.0.0.1:9' } });
  bundleDir = (await buildFunction(repoRoot, sweep, path.join(scratch, 'sweep'))).dir;
}, 60_000);

afterAll(async () => {
  await dynamo?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** deploy:check's sweep check on the sweep bundle, given what this spec gives it. */
async function sweepCheck(spec: FunctionSpec): Promise<Report> {
  const hosts = new FunctionHosts();
  const secrets = { LIVE_TOKEN_KEY: {}, CLERK_SECRET_KEY: {}, WEBHOOK_SECRET_KEY: {} };
  const env = await lambdaEnvironment(spec, bundleDir, { env: cloudEnv, rekognitionEndpoint: 'http://127.0.0.1:9', secrets, timing: {} });
  const report = new Report({ quiet: true });
  try {
    await hosts.start(spec.name, bundleDir, env, { node: process.execPath, timeoutMs: 30_000, functionArn: functionArn('us-east-1', spec.name) });
    await checkSweep(report, hosts);
  } finally {
    hosts.stopAll();
  }
  return report;
}

test('the sweep bundle passes the check with its spec’s links, and fails it, naming the link, without the table’s', async () => {
  expect(sweep.links).toContain('Table');
  expect((await sweepCheck(sweep)).failures).toEqual([]);

  const withoutTable = { ...sweep, links: sweep.links.filter((name) => name !== 'Table') };
  expect((await sweepCheck(withoutTable)).failures).toEqual(['function sweep: reads Resource.Table, which its spec does not link (links in infra/function-specs.ts)']);
}, 60_000);
