import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../local/cloud';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/**
 * One local cloud for the integration suites: the real emulators on free ports, with a fresh data
 * folder, and the event bridge running the functions/ handlers in this process.
 */
export default async function setup(project: TestProject) {
  // The handlers run in this process: keep their logs and metrics out of the test report.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-it-'));
  const cloud = await startLocalCloud({ dataDir, s3Port: 0, dynamoPort: 0, appOrigins: ['http://localhost'], extraBuckets: [UNROUTED_BUCKET] });
  project.provide('cloudEnv', cloud.env);
  return async () => {
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    cloudEnv: Record<string, string>;
  }
}
