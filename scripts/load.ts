/*
 * npm run load: 20 users upload 10 photos each, all at once, through the presigned flow and a local
 * cloud of its own (loopback only, on free ports, in a scratch folder). Every photo must end ready,
 * each user must see exactly their own 10, nothing may be processed twice, and the buckets and the
 * table must agree. Prints the throughput and the upload → ready latency; exits 1 on any failure.
 * Not part of `npm test`: it is a load, bounded by LOAD_TIMEOUT_MS.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nanoid } from 'nanoid';

const USERS = 20;
const UPLOADS_PER_USER = 10;
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/bench/flower-3mp.jpg');
const LOAD_TIMEOUT_MS = 10 * 60 * 1000;

// Before anything creates its logger: the handlers run in this process.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
const { startLocalCloud } = await import('../local/cloud');

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-load-'));
const cloud = await startLocalCloud({ dataDir, s3Port: 0, dynamoPort: 0, appOrigins: [] });
const { findImage, findJob } = await import('../lib/db');
const { createUpload, listImages } = await import('../lib/images');
const { findInconsistencies } = await import('../lib/consistency');
const { listKeys, mediaPrefix } = await import('../lib/storage');
const { resources } = await import('../lib/aws/resources');

const failures: string[] = [];
try {
  const body = await readFile(FIXTURE);
  const users = Array.from({ length: USERS }, () => `usr_load${nanoid(10)}`);
  const started = performance.now();

  // Everyone at once: each upload asks for its URL and PUTs the bytes, as a browser does.
  const uploads = await Promise.all(
    users.flatMap((userId) =>
      Array.from({ length: UPLOADS_PER_USER }, async (_, i) => {
        const upload = await createUpload(userId, { fileName: `photo-${i}.jpg`, contentType: 'image/jpeg', bytes: body.length });
        const response = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(body), headers: upload.headers });
        if (!response.ok) failures.push(`${userId}/${upload.imageId}: PUT answered ${response.status}`);
        return { userId, imageId: upload.imageId, putAt: performance.now(), readyAt: null as number | null };
      }),
    ),
  );
  const uploadedAt = performance.now();

  for (;;) {
    await Promise.all(
      uploads
        .filter((upload) => upload.readyAt === null)
        .map(async (upload) => {
          const image = await findImage(upload.userId, upload.imageId);
          if (image?.status === 'ready') upload.readyAt = performance.now();
          else if (image?.status === 'failed') throw new Error(`${upload.userId}/${upload.imageId} failed: ${image.failureReason}`);
        }),
    );
    if (uploads.every((upload) => upload.readyAt !== null)) break;
    if (performance.now() - started > LOAD_TIMEOUT_MS) throw new Error(`not every photo was ready after ${LOAD_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const finishedAt = performance.now();

  for (const userId of users) {
    const own = uploads.filter((upload) => upload.userId === userId).map((upload) => upload.imageId).sort();
    const seen = (await listImages(userId, { limit: 100 })).items.map((image) => image.imageId).sort();
    if (JSON.stringify(seen) !== JSON.stringify(own)) failures.push(`${userId} sees ${seen.length} photos, not exactly their own ${own.length}`);
  }
  for (const { userId, imageId } of uploads) {
    const job = await findJob({ userId, kind: 'process-image', subjectId: imageId });
    if (job?.attempts !== 1) failures.push(`${imageId} was processed ${job?.attempts ?? 0} times`);
    const image = (await findImage(userId, imageId))!;
    const written = (await listKeys(resources.mediaBucket, mediaPrefix(userId, imageId))).sort();
    if (JSON.stringify(written) !== JSON.stringify(image.variants!.map((variant) => variant.key).sort())) failures.push(`${imageId} has objects its record does not list`);
  }
  const inconsistencies = await findInconsistencies();
  for (const item of inconsistencies) failures.push(`${item.problem}: ${item.bucket}/${item.key} (${item.detail})`);

  const latencies = uploads.map((upload) => upload.readyAt! - upload.putAt).sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
  const seconds = (finishedAt - started) / 1000;
  console.log(`load: ${USERS} users × ${UPLOADS_PER_USER} uploads of ${path.basename(FIXTURE)} (${(body.length / 1e6).toFixed(1)} MB), on ${os.cpus().length} cores`);
  console.log(`  uploads done after ${((uploadedAt - started) / 1000).toFixed(1)} s; all ${uploads.length} ready after ${seconds.toFixed(1)} s`);
  console.log(`  throughput ${(uploads.length / seconds).toFixed(2)} photos/s`);
  console.log(`  upload → ready p50 ${Math.round(percentile(50))} ms, p95 ${Math.round(percentile(95))} ms (a queue of ${uploads.length} behind the bridge's 2 concurrent invocations)`);
  const repeated = failures.filter((failure) => failure.includes('was processed')).length;
  console.log(`  ready ${uploads.filter((upload) => upload.readyAt !== null).length}/${uploads.length}; processed more than once: ${repeated}; consistency findings: ${inconsistencies.length}`);
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await cloud.stop();
  await rm(dataDir, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`✖ load failed:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exit(1);
}
console.log('✓ load: every photo ready, each user sees exactly their own, nothing duplicated, buckets and table agree');
process.exit(0);
