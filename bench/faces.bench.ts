import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describeFacesInProcess } from '../lib/faces/describe-faces';
import { loadFaceModel } from '../lib/faces/load-face-model';
import { createLocalAnalyzer } from '../lib/profile-check/local-analyzer';
import type { FacePhoto } from '../lib/faces/schemas';
import { median, percentile, round, time, type Bench, type Figure, type Timing } from './figure';
import { peakResidentMb } from '../tests/support/peak-resident';

/**
 * The built-in face analyzer of the LinkedIn check (createLocalAnalyzer().detect: JPEG decode,
 * BlazeFace, face mesh with iris, emotion, the closer look around the largest face when it sees more,
 * mapping) per photo, at 1024 px on the long side, on one core, with the model already loaded and
 * warmed up; and, apart, face indexing for People on the same photos (describeFacesInProcess: every
 * face, small ones included, with its descriptor), face_index_median_ms.
 *
 * One core: the measurement runs in a child process pinned to CPU 0 with `taskset -c 0`, so the
 * inference, libvips and V8's background threads all share that one core, like a Lambda function
 * at 1,769 MB (one vCPU). The wasm backend is single-threaded under Node anyway (its
 * WASM_HAS_MULTITHREAD_SUPPORT flag is false there, checked below) and sharp is held to one
 * thread too. faces_local_cores reports
 * the CPUs the child could use: 1 when pinned; on a machine without taskset the child is unpinned
 * and the figure says so. The CPU figure (all threads) next to the wall-clock median shows the rest.
 *
 * The photos are scaled to 1024 px beforehand (enlarged when smaller, so each gives the model the
 * same pixel count): the astronaut, the three-face group photo, and two of the real portraits, Grace
 * Hopper's (uniform buttons and medal ribbons) and new-wave-posters.jpg (people on posters behind).
 * The check is mostly run on portraits, so three of the four are; with only the astronaut and the
 * group photo, the median fell between the two and described neither. Peak RSS is the child's
 * high-water mark (getrusage maxrss): Node, sharp, tfjs, the wasm heap and the models, and nothing else.
 */

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const PHOTOS = ['faces/astronaut.png', 'faces/group-sample1.jpg', 'portraits/grace-hopper.jpg', 'portraits/new-wave-posters.jpg'] as const;
const LONG_SIDE = 1024;
const WARMUP_RUNS = 2;
/** Per photo; going round the four photos gives 40 timed runs of each figure. */
const MEASURED_RUNS = 10;

const CHILD_FLAG = '--faces-bench-child';
const thisFile = fileURLToPath(import.meta.url);

export const run: Bench = async () => {
  const pinned = await available('taskset');
  const [command, ...prefix] = pinned ? ['taskset', '-c', '0', process.execPath] : [process.execPath];
  const { stdout } = await promisify(execFile)(command!, [...prefix, '--import', 'tsx', thisFile, CHILD_FLAG], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as Figure[];
};

async function available(program: string): Promise<boolean> {
  try {
    await promisify(execFile)(program, ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function measure(): Promise<Figure[]> {
  sharp.concurrency(1);
  const { human, loadMs } = await loadFaceModel();
  const tf = human.tf as { env(): { getAsync(flag: string): Promise<unknown> } };
  if ((await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) !== false) throw new Error('The wasm backend would use threads; the one-core figure would be wrong.');

  const analyzer = createLocalAnalyzer();
  const inputs = await Promise.all(PHOTOS.map(async (name) => scaled(await readFile(path.join(fixtures, name)))));
  for (let i = 0; i < WARMUP_RUNS; i++) for (const input of inputs) await analyzer.detect(input);

  const timings: Timing[] = [];
  for (let i = 0; i < MEASURED_RUNS; i++) for (const input of inputs) timings.push(await time(() => analyzer.detect(input)));
  // Read before indexing runs the recognition model, so the peak is the check's.
  const peakRssMb = peakResidentMb();

  for (let i = 0; i < WARMUP_RUNS; i++) for (const input of inputs) await describeFacesInProcess(input);
  const indexing: Timing[] = [];
  for (let i = 0; i < MEASURED_RUNS; i++) for (const input of inputs) indexing.push(await time(() => describeFacesInProcess(input)));

  const wall = timings.map((t) => t.wallMs).sort((a, b) => a - b);
  const figures: Figure[] = [
    { name: 'faces_local_median_ms', value: round(median(wall)), unit: 'ms/photo', goal: '< 150' },
    { name: 'faces_local_p95_ms', value: round(percentile(wall, 95)), unit: 'ms/photo' },
    { name: 'faces_local_cpu_median_ms', value: round(median(timings.map((t) => t.cpuMs))), unit: 'cpu ms/photo' },
    { name: 'faces_local_peak_rss_mb', value: peakRssMb, unit: 'MB' },
    { name: 'faces_local_model_load_ms', value: round(loadMs), unit: 'ms' },
    { name: 'faces_local_cores', value: os.availableParallelism(), unit: 'cpus' },
    { name: 'face_index_median_ms', value: round(median(indexing.map((t) => t.wallMs))), unit: 'ms/photo' },
  ];
  return figures;
}

if (process.argv.includes(CHILD_FLAG)) process.stdout.write(`${JSON.stringify(await measure())}\n`);

/** The photo at exactly LONG_SIDE px on its long side, as the analysis JPEG. */
async function scaled(photo: Buffer): Promise<FacePhoto> {
  const { data, info } = await sharp(photo, { autoOrient: true })
    .resize({ width: LONG_SIDE, height: LONG_SIDE, fit: 'inside' })
    .toColourspace('srgb')
    .jpeg({ quality: 90 })
    .toBuffer({ resolveWithObject: true });
  return { jpeg: data, width: info.width, height: info.height };
}
