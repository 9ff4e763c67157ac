import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { percentile, median, ratio, round, time, type Bench, type Figure, type Timing } from './figure';
import { prepareRawSharp, WATERMARK } from './pipeline.bench';
import type { Invoke } from '../local/bridge';
import { invokeInProcess } from '../local/functions';
import { withLocalCloud } from './with-local-cloud';

/**
 * The whole process-image handler through the local cloud (S3 read, validation, every variant, the
 * watermark, S3 and DynamoDB writes) against raw sharp making the same files from a buffer, in the
 * same run; then upload→thumbnail and upload→ready latency for real presigned uploads delivered by
 * the event bridge.
 *
 * On AWS every function has CPUs of its own; here they share two cores with the emulators. So while
 * the handler is compared, no other function runs (the bridge delivers nowhere), and each latency
 * upload starts once the previous one's follow-up work (finding its faces) has finished.
 */

const fixtures = path.resolve(import.meta.dirname, '../fixtures/bench');
const INPUTS = [
  { label: '13mp', file: 'photo-13mp.jpg' },
  { label: 'flower_3mp', file: 'flower-3mp.jpg' },
] as const;
const UNROUTED = 'headshot-bench-unrouted';
const WARMUP_RUNS = 1;
const MEASURED_RUNS = 7;
const LATENCY_UPLOADS = 20;
/** Each look at the record costs the emulator's thread a few ms, which the handler shares: often enough, not more. */
const POLL_MS = 20;

/** Whether the bridge runs functions: off while the handler is timed on its own. */
let deliver = false;
const invoke: Invoke = (name, event) => (deliver ? invokeInProcess(name, event) : Promise.resolve());

export const run: Bench = () => withLocalCloud({ extraBuckets: [UNROUTED], invoke }, measure);

async function measure(): Promise<Figure[]> {
  const previousConcurrency = sharp.concurrency();
  sharp.concurrency(1);
  try {
    const { updateWatermarkSettings } = await import('../lib/images');
    const userId = 'usr_bench';
    await updateWatermarkSettings(userId, WATERMARK);
    const figures: Figure[] = [];
    for (const { label, file } of INPUTS) figures.push(...(await handlerVersusRawSharp(userId, label, await readFile(path.join(fixtures, file)))));
    // Latency is measured as deployed: libvips uses every core it is given.
    sharp.concurrency(previousConcurrency);
    deliver = true;
    figures.push(...(await uploadToReady(userId, await readFile(path.join(fixtures, 'photo-13mp.jpg')))));
    return figures;
  } finally {
    sharp.concurrency(previousConcurrency);
  }
}

async function handlerVersusRawSharp(userId: string, label: string, input: Buffer): Promise<Figure[]> {
  const { createUpload, processImageJob, processUpload } = await import('../lib/images');
  const { runJob } = await import('../lib/jobs');
  const { headObject, originalKey, writeObject } = await import('../lib/storage');
  const { processImageBuffer } = await import('../lib/images/transform');

  const reference = await processImageBuffer(input, { watermark: WATERMARK });
  if (reference.status !== 'ready') throw new Error(`${label}: refused: ${reference.reason}`);
  const rawSharp = await prepareRawSharp(input, reference.variants);

  const handler: Timing[] = [];
  const raw: Timing[] = [];
  for (let i = 0; i < WARMUP_RUNS + MEASURED_RUNS; i++) {
    // Staging the original is not part of the handler's work; delivering its event is.
    const { imageId } = await createUpload(userId, { fileName: `${label}.jpg`, contentType: 'image/jpeg', bytes: input.length });
    const key = originalKey(userId, imageId);
    await writeObject(UNROUTED, key, input, 'image/jpeg');
    const { eTag } = (await headObject(UNROUTED, key))!;
    const object = { bucket: UNROUTED, key, eTag, size: input.length };

    const a = await time(async () => {
      if ((await runJob(processImageJob, processUpload, object)) !== 'done') throw new Error(`${label}: the handler did not finish the image`);
    });
    const b = await time(rawSharp);
    if (i >= WARMUP_RUNS) {
      handler.push(a);
      raw.push(b);
    }
  }
  const wall = (timings: Timing[]) => median(timings.map((t) => t.wallMs));
  return [
    { name: `handler_${label}_ms`, value: round(wall(handler)), unit: 'ms/image' },
    { name: `handler_${label}_raw_sharp_ms`, value: round(wall(raw)), unit: 'ms/image' },
    { name: `handler_${label}_ratio`, value: ratio(wall(handler), wall(raw)), unit: 'x', goal: '≤ 0.85' },
  ];
}

async function uploadToReady(userId: string, input: Buffer): Promise<Figure[]> {
  const { createUpload } = await import('../lib/images');
  const { findImage } = await import('../lib/db');
  const thumbnail: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < LATENCY_UPLOADS; i++) {
    const upload = await createUpload(userId, { fileName: 'photo-13mp.jpg', contentType: 'image/jpeg', bytes: input.length });
    const start = performance.now();
    const response = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(input), headers: upload.headers });
    if (!response.ok) throw new Error(`upload refused: HTTP ${response.status}`);
    let thumbnailAt: number | undefined;
    for (;;) {
      const image = await findImage(userId, upload.imageId);
      // What the grid reads: a thumbnail on the record, whatever the status.
      if (thumbnailAt === undefined && image?.variants?.some((v) => v.name === 'w256')) thumbnailAt = performance.now();
      if (image?.status === 'ready') break;
      if (image?.status === 'failed') throw new Error(`upload failed: ${image.failureReason}`);
      await sleep(POLL_MS);
    }
    ready.push(performance.now() - start);
    thumbnail.push((thumbnailAt ?? performance.now()) - start);
    // The next upload starts on a quiet machine, as it would on its own Lambda.
    for (;;) {
      const status = (await findImage(userId, upload.imageId))?.faceIndex?.status;
      if (status === 'done' || status === 'failed') break;
      await sleep(20);
    }
  }
  const p = (values: number[], at: number) => round(percentile([...values].sort((a, b) => a - b), at));
  return [
    { name: 'upload_thumbnail_13mp_p50_ms', value: p(thumbnail, 50), unit: 'ms' },
    { name: 'upload_thumbnail_13mp_p95_ms', value: p(thumbnail, 95), unit: 'ms', goal: '< 350' },
    { name: 'upload_ready_13mp_p50_ms', value: p(ready, 50), unit: 'ms' },
    { name: 'upload_ready_13mp_p95_ms', value: p(ready, 95), unit: 'ms', goal: '< 700' },
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
