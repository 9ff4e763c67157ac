import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { httpInvoker } from '../../local/invoke-http';
import { FAST_JOB_TIMING } from './global-setup';
import { fixture, newUserId, waitFor } from './helpers';
import { freePort, killHard, restoreEnvironmentAfterAll } from './processes';

/*
 * The fault suite: a local cloud of its own, whose functions run in a separate runtime process (as
 * under `npm run dev`) that the tests kill, and whose DynamoDB they take down. Every case ends with
 * the consistency check: nothing lost, nothing left behind.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
let cloud: LocalCloud;
let dataDir: string;
let runtime: ChildProcess | null = null;
let runtimePort: number;
restoreEnvironmentAfterAll();


/** The functions' runtime, as `npm run dev` runs it: its own process, behind Lambda's Invoke API. */
async function startRuntime(): Promise<void> {
  // Node itself with tsx's loader, so the process killed is the one that runs the handlers.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/lambda-runtime.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...cloud.env, ...FAST_JOB_TIMING, LAMBDA_PORT: String(runtimePort), POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the runtime exited with ${code} before it served`)));
  });
  runtime = child;
}

async function killRuntime(): Promise<void> {
  const child = runtime;
  runtime = null;
  await killHard(child);
}

beforeAll(async () => {
  Object.assign(process.env, FAST_JOB_TIMING);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-faults-'));
  runtimePort = await freePort();
  cloud = await startLocalCloud({
    dataDir,
    s3Port: 0,
    dynamoPort: await freePort(),
    appOrigins: [],
    invoke: httpInvoker(`http://127.0.0.1:${runtimePort}`, { restartWaitMs: 60_000 }),
    sweepIntervalMs: 60 * 60 * 1000,
  });
  await startRuntime();
}, 60_000);

afterAll(async () => {
  await killRuntime();
  await cloud?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Does what the browser does: asks for an upload, then PUTs the bytes, which S3 announces to the bridge. */
async function upload(userId: string, file = 'bench/photo-13mp.jpg') {
  const { createUpload } = await import('@/lib/images');
  const body = await fixture(file);
  const started = await createUpload(userId, { fileName: path.basename(file), contentType: 'image/jpeg', bytes: body.length });
  return { imageId: started.imageId, put: () => fetch(started.url, { method: 'PUT', body: new Uint8Array(body), headers: started.headers }) };
}

/** How often a test that must catch a moment (a run under way, to kill it midway) looks: every read costs the emulators CPU, so only those look this often. */
const MOMENT_MS = 10;

async function expectConsistent() {
  const { findInconsistencies } = await import('@/lib/consistency');
  expect(await findInconsistencies()).toEqual([]);
}

async function expectNoOrphans(userId: string, imageId: string) {
  const { findImage } = await import('@/lib/db');
  const { listKeys, mediaPrefix } = await import('@/lib/storage');
  const { resources } = await import('@/lib/aws/resources');
  const image = (await findImage(userId, imageId))!;
  expect((await listKeys(resources.mediaBucket, mediaPrefix(userId, imageId))).sort()).toEqual(image.variants!.map((v) => v.key).sort());
}

describe('faults, survived', () => {
  it('finishes a photo on the next delivery when the handler’s process is killed midway, with no orphans', async () => {
    const { findImage, findJob } = await import('@/lib/db');
    const userId = newUserId();
    const { imageId, put } = await upload(userId);
    expect((await put()).ok).toBe(true);
    const ref = { userId, kind: 'process-image', subjectId: imageId };
    await waitFor('the run to start', () => findJob(ref), (job) => job?.state === 'running', 60_000, MOMENT_MS);
    await killRuntime();
    await startRuntime();

    const job = await waitFor('the job', () => findJob(ref), (item) => item?.state !== 'running' && item?.state !== 'queued');
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'ready' });
    await expectNoOrphans(userId, imageId);
    await expectConsistent();
  }, 90_000);

  it('finishes an account deletion on the next delivery when its process is killed midway, leaving nothing', async () => {
    const { findJob, listUserPartition, putFaces } = await import('@/lib/db');
    const { requestAccountDeletion } = await import('@/lib/account/request-account-deletion');
    const { findUserData, holdsUserData } = await import('@/lib/account/find-user-data');
    const { resources } = await import('@/lib/aws/resources');
    const { writeObject } = await import('@/lib/storage');
    const userId = newUserId();
    // A library large enough that its deletion takes seconds: 3,000 face items and 200 objects.
    const faces = Array.from({ length: 3000 }, (_, n) => {
      const imageId = `img${String(n).padStart(13, '0')}`;
      return { userId, imageId, faceId: `${imageId}.0`, personId: '', box: { left: 0, top: 0, width: 0.5, height: 0.5 }, confidence: 0.9, thumbnailKey: 'unused' };
    });
    for (let start = 0; start < faces.length; start += 500) await putFaces(faces.slice(start, start + 500));
    await Promise.all(Array.from({ length: 200 }, (_, n) => writeObject(resources.mediaBucket, `face-thumbnails/${userId}/img${n}/img${n}.0.jpeg`, Buffer.from('x'), 'image/jpeg')));
    const countItems = async () => (await listUserPartition(userId)).items.length;
    const before = await countItems();

    await requestAccountDeletion(userId, { requestedBy: 'owner' });
    // Killed once it is deleting items, before it is done with them.
    await waitFor('the deletion to be under way', countItems, (count) => count < before, 60_000, MOMENT_MS);
    await killRuntime();
    expect(holdsUserData(await findUserData(userId))).toBe(true);
    await startRuntime();

    await waitFor('the deletion to finish', () => findUserData(userId), (report) => !holdsUserData(report));
    expect(await findJob({ userId, kind: 'delete-account', subjectId: userId })).toBeNull();
    await expectConsistent();
  }, 120_000);

  it('retries through a few seconds of DynamoDB being unreachable, and succeeds', async () => {
    const { findImage } = await import('@/lib/db');
    const userId = newUserId();
    const { imageId, put } = await upload(userId, 'bench/flower-3mp.jpg');
    await cloud.dynamo.stop();
    try {
      expect((await put()).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    } finally {
      await cloud.dynamo.start();
    }
    const image = await waitFor('the photo', () => findImage(userId, imageId), (item) => item?.status === 'ready' || item?.status === 'failed');
    expect(image).toMatchObject({ status: 'ready' });
    await expectConsistent();
  }, 90_000);

  it('takes a crash on the last attempt down the dead-letter path, shows Retry, and Retry makes the photo ready', async () => {
    const { findImage, findJob } = await import('@/lib/db');
    const { listDeadLetters, MAX_DELIVERY_ATTEMPTS, redriveOwnDeadLetter } = await import('@/lib/jobs');
    const userId = newUserId();
    const { imageId, put } = await upload(userId);
    expect((await put()).ok).toBe(true);
    const ref = { userId, kind: 'process-image', subjectId: imageId };
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      await waitFor(`run ${attempt} to start`, () => findJob(ref), (job) => job?.state === 'running' && job.attempts === attempt, 60_000, MOMENT_MS);
      await killRuntime();
      await startRuntime();
    }

    const failed = await waitFor('the dead letter', () => findImage(userId, imageId), (item) => item?.status === 'failed');
    expect(failed).toMatchObject({ failureCode: 'dead-letter', failureReason: expect.stringMatching(/press Retry/) });
    const [letter] = await listDeadLetters(userId);
    expect(letter).toMatchObject({ subjectId: imageId, label: 'Processing a photo' });
    expect(await findJob(ref)).toMatchObject({ state: 'dead', attempts: MAX_DELIVERY_ATTEMPTS });

    expect(await redriveOwnDeadLetter(userId, letter!.deadLetterId)).toBe('requeued');
    const image = await waitFor('the retried photo', () => findImage(userId, imageId), (item) => item?.status === 'ready');
    expect(image?.variants?.length).toBeGreaterThan(0);
    expect(await listDeadLetters(userId)).toEqual([]);
    await expectNoOrphans(userId, imageId);
    await expectConsistent();
  }, 120_000);
});
