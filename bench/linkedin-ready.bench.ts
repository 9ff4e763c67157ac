import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { LINKEDIN_READY_WORKLOAD } from '../lib/cost/workload';
import { loadFaceModel } from '../lib/faces/load-face-model';
import { makeLinkedInReady } from '../lib/linkedin-ready/make-linkedin-ready';
import { median, ratio, round, time, type Bench, type Figure, type Timing } from './figure';
import { runPinned } from './pinned-child';
import { peakResidentMb } from '../tests/support/peak-resident';

/**
 * makeLinkedInReady on a 12-MP photo, on one core, with the models loaded and warmed up: decode,
 * face analysis, framing, light, segmentation and matte, the blurred background (the most work of
 * the four kinds) and the JPEG. One core (bench/pinned-child.ts), sharp held to one thread; peak RSS
 * is that child's high-water mark.
 *
 * The photo: portraits/grace-hopper.jpg enlarged to 3200 × 3750 (12.0 MP). The 13-MP bench photo
 * (bench/photo-13mp.jpg) has no face the model finds (the person is motion-blurred at night), so it
 * cannot be framed. Enlarged, the portrait has the pixel count of a phone photo and a face 1,260 px
 * tall, as in a head-and-shoulders shot; the result is READY_MAX_SIDE (1600 px) square.
 */

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'portraits', 'grace-hopper.jpg');
const SIZE = { width: 3200, height: 3750 } as const;
const WARMUP_RUNS = 1;
const MEASURED_RUNS = 7;

const CHILD_FLAG = '--linkedin-ready-bench-child';
const thisFile = fileURLToPath(import.meta.url);

export const run: Bench = () => runPinned(thisFile, CHILD_FLAG);

async function measure(): Promise<Figure[]> {
  sharp.concurrency(1);
  await loadFaceModel();
  const photo = await sharp(await readFile(fixture)).resize(SIZE.width, SIZE.height, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer();
  const make = () => makeLinkedInReady(photo, { background: { kind: 'blur' } });
  for (let i = 0; i < WARMUP_RUNS; i++) await make();

  const timings: Timing[] = [];
  for (let i = 0; i < MEASURED_RUNS; i++) timings.push(await time(make));
  const peakMb = peakResidentMb();
  return [
    { name: 'linkedin_ready_median_ms', value: round(median(timings.map((t) => t.wallMs))), unit: 'ms/photo', goal: '< 2000' },
    { name: 'linkedin_ready_cpu_median_ms', value: round(median(timings.map((t) => t.cpuMs))), unit: 'cpu ms/photo' },
    { name: 'linkedin_ready_peak_rss_mb', value: peakMb, unit: 'MB' },
    { name: 'linkedin_ready_memory_margin', value: ratio(LINKEDIN_READY_WORKLOAD.memoryMb, peakMb), unit: '× peak', goal: '>= 2' },
    { name: 'linkedin_ready_cores', value: os.availableParallelism(), unit: 'cpus' },
  ];
}

if (process.argv.includes(CHILD_FLAG)) process.stdout.write(`${JSON.stringify(await measure())}\n`);
