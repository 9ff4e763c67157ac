import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { decodeHeic } from '../lib/images/transform/decode-heic';
import type { Invoke } from '../local/bridge';
import { median, ratio, round, time, type Bench, type Figure, type Timing } from './figure';
import { runPinned } from './pinned-child';
import { WATERMARK } from './pipeline.bench';

/**
 * An iPhone photo's cost, on one core (bench/pinned-child.ts: the child is pinned to CPU 0 with
 * `taskset`, as a Lambda function at 1,769 MB has one vCPU) and sharp held to one thread:
 *
 * - heic_12mp_decode_ms: libheif-js (WebAssembly) decoding the 12-MP HEIC to RGB, nothing else;
 * - heic_12mp_handler_ms: the whole process-image handler on it through the local cloud (S3 read,
 *   header check, decode, Display P3 to sRGB, every size as WebP and JPEG with the watermark, S3 and
 *   DynamoDB writes), as bench/upload.bench.ts times JPEGs; the emulators share the one core;
 * - heic_jpeg_13mp_handler_ms: the same handler on the 13-MP JPEG in the same run, for scale.
 *
 * The photo (fixtures/bench/photo-12mp.heic, see fixtures/SOURCES.md) is stored as an iPhone stores a
 * portrait: 4032 × 3024 on its side with an irot turn, a Display P3 profile and EXIF, 3024 × 4032 upright.
 */

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/bench');
const UNROUTED = 'headshot-bench-unrouted';
const WARMUP_RUNS = 1;
const MEASURED_RUNS = 5;

const CHILD_FLAG = '--heic-bench-child';
const thisFile = fileURLToPath(import.meta.url);

/** The bridge runs no function: each handler run is started by the bench, alone. */
const invokeNothing: Invoke = () => Promise.resolve();

export const run: Bench = () => runPinned(thisFile, CHILD_FLAG);

async function measure(): Promise<Figure[]> {
  // The child's stdout carries the figures alone: the handlers' logs and metrics stay quiet, and load after this.
  Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' });
  const { withLocalCloud } = await import('./with-local-cloud');
  sharp.concurrency(1);
  const [heic, jpeg] = await Promise.all([readFile(path.join(fixtures, 'photo-12mp.heic')), readFile(path.join(fixtures, 'photo-13mp.jpg'))]);

  const decodes: Timing[] = [];
  for (let i = 0; i < WARMUP_RUNS + MEASURED_RUNS; i++) {
    const timing = await time(async () => decodeHeic(heic));
    if (i >= WARMUP_RUNS) decodes.push(timing);
  }

  return withLocalCloud({ extraBuckets: [UNROUTED], invoke: invokeNothing }, async () => {
    const { updateWatermarkSettings } = await import('../lib/images');
    const userId = 'usr_bench_heic';
    await updateWatermarkSettings(userId, WATERMARK);
    const heicHandler = await handlerRuns(userId, heic, 'IMG_0001.HEIC', 'image/heic');
    const jpegHandler = await handlerRuns(userId, jpeg, 'photo-13mp.jpg', 'image/jpeg');
    const wall = (timings: Timing[]) => round(median(timings.map((t) => t.wallMs)));
    // CPU time (every thread of the process, the emulators' included) stays put when other work shares the core; wall time does not.
    const cpu = (timings: Timing[]) => round(median(timings.map((t) => t.cpuMs)));
    return [
      { name: 'heic_12mp_decode_ms', value: wall(decodes), unit: 'ms/image' },
      { name: 'heic_12mp_handler_ms', value: wall(heicHandler), unit: 'ms/image' },
      { name: 'heic_jpeg_13mp_handler_ms', value: wall(jpegHandler), unit: 'ms/image' },
      { name: 'heic_12mp_handler_vs_jpeg', value: ratio(wall(heicHandler), wall(jpegHandler)), unit: 'x' },
      { name: 'heic_12mp_decode_cpu_ms', value: cpu(decodes), unit: 'cpu ms/image' },
      { name: 'heic_12mp_handler_cpu_ms', value: cpu(heicHandler), unit: 'cpu ms/image' },
      { name: 'heic_jpeg_13mp_handler_cpu_ms', value: cpu(jpegHandler), unit: 'cpu ms/image' },
      { name: 'heic_cores', value: os.availableParallelism(), unit: 'cpus' },
    ];
  });
}

/** The process-image handler on one original, staged where the bridge does not see it and delivered by hand. */
async function handlerRuns(userId: string, input: Buffer, fileName: string, contentType: string): Promise<Timing[]> {
  const { createUpload, processImageJob, processUpload } = await import('../lib/images');
  const { runJob } = await import('../lib/jobs');
  const { headObject, originalKey, writeObject } = await import('../lib/storage');
  const timings: Timing[] = [];
  for (let i = 0; i < WARMUP_RUNS + MEASURED_RUNS; i++) {
    const { imageId } = await createUpload(userId, { fileName, contentType, bytes: input.length });
    const key = originalKey(userId, imageId);
    await writeObject(UNROUTED, key, input, contentType);
    const { eTag } = (await headObject(UNROUTED, key))!;
    const timing = await time(async () => {
      const outcome = await runJob(processImageJob, processUpload, { bucket: UNROUTED, key, eTag, size: input.length });
      if (outcome !== 'done') throw new Error(`${fileName}: the handler ended ${outcome}`);
    });
    if (i >= WARMUP_RUNS) timings.push(timing);
  }
  return timings;
}

if (process.argv.includes(CHILD_FLAG)) process.stdout.write(`${JSON.stringify(await measure())}\n`);
