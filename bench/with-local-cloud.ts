import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Invoke } from '../local/bridge';
import { startLocalCloud } from '../local/cloud';

/** Runs a bench's work against a local cloud of its own, on free ports and a throwaway data folder. */
export async function withLocalCloud<T>(options: { extraBuckets?: string[]; invoke?: Invoke }, work: () => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-bench-'));
  const cloud = await startLocalCloud({ dataDir, s3Port: 0, dynamoPort: 0, appOrigins: [], extraBuckets: options.extraBuckets, invoke: options.invoke });
  try {
    return await work();
  } finally {
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
