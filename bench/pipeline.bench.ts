import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type OverlayOptions } from 'sharp';
import {
  decodeImage,
  inspectImage,
  JPEG_BACKGROUND,
  JPEG_QUALITY,
  processImageBuffer,
  renderWatermark,
  resizeRaw,
  WEBP_EFFORT,
  WEBP_QUALITY,
  type EncodedVariant,
  type WatermarkSettings,
} from '../lib/images/transform';
import { median, ratio, round, time, wallTime, type Bench, type Figure, type Timing } from './figure';

/**
 * The pure image pipeline against raw sharp doing the same encodes, in the same run.
 * Raw sharp gets one clone() of the input per output file (each clone decodes the original again,
 * with JPEG shrink-on-load), and its watermark overlays are drawn before the clock starts, so the
 * baseline is, if anything, flattered. The S3-inclusive handler and upload→ready latency live in
 * the lead's bench file.
 */

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'bench');
const INPUTS = [
  { label: '13mp', file: 'photo-13mp.jpg' },
  { label: 'flower_3mp', file: 'flower-3mp.jpg' },
] as const;

export const WATERMARK: WatermarkSettings = { enabled: true, text: '© headshot', position: 'bottom-right', opacity: 0.6 };
const WARMUP_RUNS = 2;
const MEASURED_RUNS = 9;
const AVIF_RUNS = 2;
const AVIF_EFFORT = 4;
const AVIF_SIZE = 1280;

export const run: Bench = async () => {
  // One libvips thread per image, as on a small Lambda; outputs still run side by side on libuv's pool.
  const previousConcurrency = sharp.concurrency();
  sharp.concurrency(1);
  try {
    const figures: Figure[] = [];
    for (const { label, file } of INPUTS) figures.push(...(await compare(label, await readFile(path.join(fixtures, file)))));
    figures.push(await measureAvif(await readFile(path.join(fixtures, 'photo-13mp.jpg'))));
    return figures;
  } finally {
    sharp.concurrency(previousConcurrency);
  }
};

async function compare(label: string, input: Buffer): Promise<Figure[]> {
  const reference = await processImageBuffer(input, { watermark: WATERMARK });
  if (reference.status !== 'ready') throw new Error(`${label}: the bench input was refused: ${reference.reason}`);
  const baseline = await prepareRawSharp(input, reference.variants);

  const pipeline: Timing[] = [];
  const raw: Timing[] = [];
  for (let i = 0; i < WARMUP_RUNS + MEASURED_RUNS; i++) {
    // Alternating keeps both sides exposed to the same machine noise.
    const a = await time(() => processImageBuffer(input, { watermark: WATERMARK }));
    const b = await time(baseline);
    if (i >= WARMUP_RUNS) {
      pipeline.push(a);
      raw.push(b);
    }
  }
  const wall = (timings: Timing[]) => median(timings.map((t) => t.wallMs));
  const cpu = (timings: Timing[]) => median(timings.map((t) => t.cpuMs));
  return [
    { name: `pipeline_${label}_ms`, value: round(wall(pipeline)), unit: 'ms/image' },
    { name: `pipeline_${label}_raw_sharp_ms`, value: round(wall(raw)), unit: 'ms/image' },
    { name: `pipeline_${label}_ratio`, value: ratio(wall(pipeline), wall(raw)), unit: 'x', goal: '≤ 1.10' },
    // CPU time (all threads) is steadier than wall time on a shared 2-core machine.
    { name: `pipeline_${label}_cpu_ms`, value: round(cpu(pipeline)), unit: 'cpu ms/image' },
    { name: `pipeline_${label}_raw_sharp_cpu_ms`, value: round(cpu(raw)), unit: 'cpu ms/image' },
    { name: `pipeline_${label}_cpu_ratio`, value: ratio(cpu(pipeline), cpu(raw)), unit: 'x' },
    { name: `pipeline_${label}_outputs`, value: reference.variants.length, unit: 'files' },
  ];
}

/** Raw sharp producing the same files as the pipeline did: same sizes, formats, settings and watermarks. */
export async function prepareRawSharp(input: Buffer, variants: EncodedVariant[]): Promise<() => Promise<Buffer[]>> {
  const overlays = new Map<string, OverlayOptions>();
  for (const variant of variants.filter((v) => v.watermarked)) {
    if (!WATERMARK.enabled) break;
    const overlay = await renderWatermark(variant, WATERMARK);
    overlays.set(variant.name, {
      input: overlay.data,
      raw: { width: overlay.width, height: overlay.height, channels: 4 },
      left: overlay.region.left,
      top: overlay.region.top,
    });
  }

  return () => {
    const original = sharp(input, { autoOrient: true });
    return Promise.all(
      variants.map((variant) => {
        let pipeline = original.clone().resize({ width: variant.width, height: variant.height, fit: 'fill' });
        const overlay = overlays.get(variant.name);
        if (overlay) pipeline = pipeline.composite([overlay]);
        return variant.format === 'webp'
          ? pipeline.webp({ quality: WEBP_QUALITY, effort: WEBP_EFFORT }).toBuffer()
          : pipeline.flatten({ background: JPEG_BACKGROUND }).jpeg({ quality: JPEG_QUALITY }).toBuffer();
      }),
    );
  };
}

/** One AVIF encode at 1280 px, from already-decoded pixels: the cost AVIF would add per image. */
async function measureAvif(input: Buffer): Promise<Figure> {
  const inspected = await inspectImage(input);
  if (!inspected.ok) throw new Error(inspected.reason);
  const decoded = await decodeImage(input, inspected.info);
  const sized = await resizeRaw(decoded, AVIF_SIZE);
  const runs: number[] = [];
  for (let i = 0; i < AVIF_RUNS; i++) {
    runs.push(
      await wallTime(() =>
        sharp(sized.data, { raw: { width: sized.width, height: sized.height, channels: sized.channels } })
          .avif({ effort: AVIF_EFFORT })
          .toBuffer(),
      ),
    );
  }
  return { name: 'pipeline_13mp_avif_1280_effort4_ms', value: round(median(runs)), unit: 'ms/encode' };
}
