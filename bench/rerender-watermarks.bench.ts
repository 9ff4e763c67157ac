import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { watermarkCleanCopy } from '../lib/images/rerender-public-copies';
import { HANDOVER_MARGIN_MS } from '../lib/images/rerender-watermarks';
import { planVariants, processImageBuffer, type EnabledWatermark, type EncodedVariant } from '../lib/images/transform';
import { wiringOf } from '../lib/jobs/wiring';
import { median, ratio, round, time, type Bench, type Figure, type Timing } from './figure';
import { runPinned } from './pinned-child';
import { peakResidentMb } from '../tests/support/peak-resident';

/**
 * The rerender-watermarks job's work on one 13-MP photo, on one core (its function has one vCPU),
 * sharp held to one thread: each public size's clean WebP decoded, watermarked and encoded again as
 * WebP and JPEG (lib/images/rerender-public-copies.ts, without S3 and DynamoDB). From it, how many
 * photos a run does before it hands over, and how many runs a 10,000-photo library takes. And what
 * the one encode more costs: the re-rendered w1280-public WebP against the one processing makes from
 * the original with the same watermark, as PSNR over the decoded pixels.
 */

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'bench', 'photo-13mp.jpg');
const WATERMARK: EnabledWatermark = { enabled: true, text: '© headshot', position: 'bottom-right', opacity: 0.6 };
const WARMUP_RUNS = 2;
const MEASURED_RUNS = 9;
const LIBRARY = 10_000;

const CHILD_FLAG = '--rerender-watermarks-bench-child';
const thisFile = fileURLToPath(import.meta.url);

export const run: Bench = () => runPinned(thisFile, CHILD_FLAG);

async function measure(): Promise<Figure[]> {
  sharp.concurrency(1);
  const photo = await readFile(fixture);
  const [clean, processed] = await Promise.all([processImageBuffer(photo), processImageBuffer(photo, { watermark: WATERMARK })]);
  if (clean.status !== 'ready' || processed.status !== 'ready') throw new Error('The bench photo did not process');
  const sizes = planVariants(clean.info.width, clean.info.height, false).filter((size) => size.public);
  const webp = (variants: EncodedVariant[], name: string) => variants.find((v) => v.name === name && v.format === 'webp')!.body;
  const rerender = async () => {
    for (const size of sizes) await watermarkCleanCopy(webp(clean.variants, `w${size.size}`), size, WATERMARK);
  };

  for (let i = 0; i < WARMUP_RUNS; i++) await rerender();
  const timings: Timing[] = [];
  for (let i = 0; i < MEASURED_RUNS; i++) timings.push(await time(rerender));
  const perPhoto = median(timings.map((t) => t.wallMs));
  const row = wiringOf('rerender-watermarks');
  const runBudgetMs = row.timeoutSeconds * 1000 - HANDOVER_MARGIN_MS;
  const photosPerRun = Math.floor(runBudgetMs / perPhoto);

  const largest = sizes.at(-1)!;
  const again = (await watermarkCleanCopy(webp(clean.variants, `w${largest.size}`), largest, WATERMARK))!;
  const psnr = await psnrOf(webp(again, `w${largest.size}-public`), webp(processed.variants, `w${largest.size}-public`));
  const peakMb = peakResidentMb();
  return [
    { name: 'rerender_photo_median_ms', value: round(perPhoto), unit: 'ms/photo' },
    { name: 'rerender_photo_cpu_median_ms', value: round(median(timings.map((t) => t.cpuMs))), unit: 'cpu ms/photo' },
    { name: 'rerender_photos_per_run', value: photosPerRun, unit: 'photos' },
    { name: 'rerender_runs_for_10k_photos', value: Math.ceil(LIBRARY / photosPerRun), unit: 'runs' },
    { name: 'rerender_psnr_vs_processing_db', value: round(psnr), unit: 'dB', goal: '>= 40' },
    { name: 'rerender_peak_rss_mb', value: peakMb, unit: 'MB' },
    { name: 'rerender_memory_margin', value: ratio(typeof row.memoryMb === 'number' ? row.memoryMb : row.memoryMb.local, peakMb), unit: '× peak', goal: '>= 2' },
    { name: 'rerender_cores', value: os.availableParallelism(), unit: 'cpus' },
  ];
}

/** Peak signal-to-noise ratio of two images of the same size, over their RGB pixels. */
async function psnrOf(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((image) => sharp(image).removeAlpha().raw().toBuffer()));
  let squared = 0;
  for (let i = 0; i < x!.length; i++) squared += (x![i]! - y![i]!) ** 2;
  return 10 * Math.log10((255 * 255) / (squared / x!.length));
}

if (process.argv.includes(CHILD_FLAG)) process.stdout.write(`${JSON.stringify(await measure())}\n`);
