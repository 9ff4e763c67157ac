import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { PROCESS_IMAGE_WORKLOAD } from '../lib/cost/workload';
import { MAX_INPUT_PIXELS } from '../lib/images/transform/limits';
import { WATERMARK } from './pipeline.bench';
import type { Bench } from './figure';
import { peakResidentMb } from '../tests/support/peak-resident';

/**
 * The process-image work's peak memory, each input in a fresh process (its VmHWM: Node, sharp,
 * libvips' caches, the input, the decoded image and every output), against the function's configured
 * memory: a 13 MP photo, and a photo at the 50 MP limit, the worst input it accepts. The 50 MP input is
 * made here, of noise, which compresses badly: a file near the 25 MB limit, the worst case for the buffers too.
 */

const thisFile = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--memory-bench-child';
const fixtures = path.resolve(path.dirname(thisFile), '../fixtures/bench');

export const run: Bench = async () => {
  const width = Math.floor(Math.sqrt((MAX_INPUT_PIXELS * 4) / 3));
  const largest = await sharp({ create: { width, height: Math.floor((width * 3) / 4), channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 12 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  const largestFile = path.join(path.dirname(thisFile), '..', '.sst', 'bench-50mp.jpg');
  await mkdir(path.dirname(largestFile), { recursive: true });
  await writeFile(largestFile, largest);
  const peak = async (file: string) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', thisFile, CHILD_FLAG, file], { maxBuffer: 1024 * 1024 });
    return JSON.parse(stdout) as { peakMb: number; status: string };
  };
  const thirteen = await peak(path.join(fixtures, 'photo-13mp.jpg'));
  const fifty = await peak(largestFile);
  if (thirteen.status !== 'ready' || fifty.status !== 'ready') throw new Error(`an input was refused: ${thirteen.status}, ${fifty.status}`);
  return [
    { name: 'handler_13mp_peak_rss_mb', value: thirteen.peakMb, unit: 'MB' },
    { name: 'handler_50mp_peak_rss_mb', value: fifty.peakMb, unit: 'MB', goal: `< ${PROCESS_IMAGE_WORKLOAD.memoryMb}` },
    { name: 'handler_memory_configured_mb', value: PROCESS_IMAGE_WORKLOAD.memoryMb, unit: 'MB' },
    { name: 'handler_50mp_memory_margin', value: Math.round((PROCESS_IMAGE_WORKLOAD.memoryMb / fifty.peakMb) * 100) / 100, unit: 'x' },
  ];
};

async function child(file: string): Promise<void> {
  const { processImageBuffer } = await import('../lib/images/transform');
  const result = await processImageBuffer(await readFile(file), { watermark: WATERMARK });
  process.stdout.write(JSON.stringify({ peakMb: peakResidentMb(), status: result.status }));
}

if (process.argv.includes(CHILD_FLAG)) await child(process.argv[process.argv.indexOf(CHILD_FLAG) + 1]!);
