import os from 'node:os';
import PQueue from 'p-queue';
import type { VariantFormat } from '../variant';

/** A heavy sharp step, described well enough to decide what runs next. */
export type SharpStep =
  | { kind: 'decode' | 'resize' | 'watermark'; first?: boolean }
  | { kind: 'encode'; format: VariantFormat; pixels: number; first?: boolean };

/** WebP costs about ten times JPEG per pixel (measured at 2048 px: 272 ms against 24 ms). */
const ENCODE_COST_PER_PIXEL: Record<VariantFormat, number> = { webp: 1, jpeg: 0.1 };

/** Above any encode's cost (2048 × 2048 WebP ≈ 4.2 M). */
const PRIORITY = { first: 3e7, decode: 2e7, prepare: 1e7 } as const;

const queue = new PQueue({ concurrency: Math.max(1, os.availableParallelism()) });

/**
 * Runs a heavy sharp step (decode, resize, watermark, encode) when a core is free. sharp runs each
 * step on a libuv thread, and that pool of four is shared with file and DNS work: handing it a
 * photo's twelve encodes at once queued every S3 write behind them (150 ms a write, measured
 * locally) and split two cores four ways. What runs next: the thumbnail's steps (people are waiting
 * for it), then decodes and the resizes and watermarks that feed encodes, then the longest encodes
 * first, so that no core is left alone with one long encode at the end.
 */
export function inSharpSlot<T>(step: SharpStep, work: () => Promise<T>): Promise<T> {
  return queue.add(work, { priority: priorityOf(step) });
}

function priorityOf(step: SharpStep): number {
  if (step.first) return PRIORITY.first;
  if (step.kind === 'decode') return PRIORITY.decode;
  if (step.kind !== 'encode') return PRIORITY.prepare;
  return step.pixels * ENCODE_COST_PER_PIXEL[step.format];
}
