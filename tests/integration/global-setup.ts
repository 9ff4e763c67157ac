import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../local/cloud';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/**
 * Job timing, scaled down so that a lease running out, a retry after the visibility timeout and a
 * sweep's grace take seconds instead of minutes. The rules are the same; only the clock is faster.
 */
export const FAST_JOB_TIMING = { JOB_LEASE_SECONDS: '2', JOB_EVENT_GRACE_SECONDS: '2', JOB_RETRY_WINDOW_SECONDS: '8' };

/**
 * scrypt at 2^12 instead of 2^17 (lib/config.ts allows it under the local cloud only): the suites sign
 * up and sign in dozens of accounts, and at the real cost each hash is a fifth of a second of CPU and
 * 128 MiB. The sign-in rules are the same at any cost; lib/auth/password.test.ts holds the real one.
 */
const CHEAP_PASSWORD_HASHES = { PASSWORD_HASH_LOG2_COST: '12' };

interface RunningCloud {
  env: Record<string, string>;
  stop: () => Promise<void>;
}

/** The cloud of this run, and how many of its projects use it. */
interface SharedCloud {
  running: Promise<RunningCloud>;
  users: number;
}

// On globalThis, not in this module: each Vitest project loads its global setup through a module graph of its own.
const SHARED_CLOUD = Symbol.for('headshot.integration-cloud');
const shared = globalThis as { [SHARED_CLOUD]?: SharedCloud };

async function startCloud(): Promise<RunningCloud> {
  // The handlers run in this process: keep their logs and metrics out of the test report.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  Object.assign(process.env, FAST_JOB_TIMING);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-it-'));
  const cloud = await startLocalCloud({ dataDir, s3Port: 0, dynamoPort: 0, appOrigins: ['http://localhost'], extraBuckets: [UNROUTED_BUCKET] });
  return {
    env: { ...cloud.env, ...FAST_JOB_TIMING, ...CHEAP_PASSWORD_HASHES },
    stop: async () => {
      await cloud.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One local cloud for the integration suites: the real emulators on free ports, with a fresh data
 * folder, and the event bridge running the functions/ handlers in this process. The projects of one
 * run that list this setup (the shared module graph and the isolated files) get the same cloud,
 * started by the first and stopped after the last.
 */
export default async function setup(project: TestProject) {
  const cloud = (shared[SHARED_CLOUD] ??= { running: startCloud(), users: 0 });
  cloud.users += 1;
  const { env, stop } = await cloud.running;
  project.provide('cloudEnv', env);
  return async () => {
    cloud.users -= 1;
    if (cloud.users > 0) return;
    delete shared[SHARED_CLOUD];
    await stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    cloudEnv: Record<string, string>;
  }
}
