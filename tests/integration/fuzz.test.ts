import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findImage } from '@/lib/db';
import { createUpload, processImageJob, processUpload } from '@/lib/images';
import { STEP_TIMEOUT_SECONDS } from '@/lib/images/transform/limits';
import { runJob } from '@/lib/jobs';
import { headObject, originalKey, writeObject } from '@/lib/storage';
import { fixture, newUserId } from './helpers';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/*
 * Mutated copies of valid images, from a fixed seed, through the real processing job: each must end
 * ready, or failed with a reason for its owner, never a crash, a retry loop or a hang, and memory stays
 * bounded. Bytes are flipped, files cut short, headers altered and pieces spliced in twice.
 */

const SEED = 20_261_130;
/**
 * 120 in `npm test`, about fifteen per seed, to keep CI within its ten minutes (300 took two of them, 0.4 s
 * a case); `FUZZ_CASES=1000 npx vitest run --project integration fuzz` goes deeper from the same seed.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 120);
/** The longest chain of bounded steps (decode, resize, watermark, encode), plus the I/O around it. */
const TIME_BOUND_MS = 4 * STEP_TIMEOUT_SECONDS * 1000 + 5000;
/** Peak resident memory of this process, which runs the handler: the small seeds decode to a few MB. */
const MEMORY_CAP_BYTES = 1.5 * 1024 ** 3;

let seeds: Buffer[];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

beforeAll(async () => {
  const names = ['orientation/orientation_6.jpg', 'formats/cmyk.jpeg', 'formats/rgba16.png', 'formats/animated.gif', 'faces/group-sample1.jpg', 'formats/example.avif', 'orientation/irot-270.heic'];
  seeds = await Promise.all(names.map((name) => fixture(name)));
  seeds.push(await sharp(await fixture('formats/rgba16.png')).webp().toBuffer());
  seeds.push(await sharp(await fixture('orientation/orientation_1.jpg')).tiff().toBuffer());
});

afterAll(() => clearInterval(sampler));

type Mutation =
  | { kind: 'flip'; at: number[]; bits: number[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'header'; at: number; value: number }
  | { kind: 'splice'; from: number; length: number; to: number };

/** A position in the file, spread evenly: fast-check's default bias towards tiny values would hit only the first bytes. */
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fraction, { minLength: 1, maxLength: 24 }), bits: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 24, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('header' as const), at: fc.integer({ min: 0, max: 63 }), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('splice' as const), from: fraction, length: fc.integer({ min: 1, max: 4096 }), to: fraction }),
);

function mutate(seed: Buffer, change: Mutation): Buffer {
  const bytes = Buffer.from(seed);
  const at = (position: number) => Math.floor(position * bytes.length);
  switch (change.kind) {
    case 'flip':
      change.at.forEach((position, i) => (bytes[at(position)]! ^= 1 << change.bits[i]!));
      return bytes;
    case 'truncate':
      return bytes.subarray(0, Math.max(1, at(change.at)));
    case 'header':
      bytes[Math.min(change.at, bytes.length - 1)] = change.value;
      return bytes;
    case 'splice': {
      const piece = bytes.subarray(at(change.from), at(change.from) + change.length);
      return Buffer.concat([bytes.subarray(0, at(change.to)), piece, bytes.subarray(at(change.to))]);
    }
  }
}

it(`ends each of ${CASES} mutated images ready or failed with a reason, within the time bound and the memory cap`, async () => {
  const cases = fc.sample(fc.tuple(fc.noBias(fc.nat()), mutation), { seed: SEED, numRuns: CASES });
  const outcomes: Record<string, number> = {};
  let slowestMs = 0;
  let userId = newUserId();
  for (const [index, [pick, change]] of cases.entries()) {
    // A fresh owner every hundred photos, within the per-user upload limit.
    if (index % 100 === 0) userId = newUserId();
    const body = mutate(seeds[pick % seeds.length]!, change);
    const { imageId } = await createUpload(userId, { fileName: 'fuzz.jpg', contentType: 'image/jpeg', bytes: body.length });
    const key = originalKey(userId, imageId);
    await writeObject(UNROUTED_BUCKET, key, body, 'image/jpeg');
    const object = { bucket: UNROUTED_BUCKET, key, eTag: (await headObject(UNROUTED_BUCKET, key))!.eTag, size: body.length };

    const started = performance.now();
    const outcome = await runJob(processImageJob, processUpload, object);
    slowestMs = Math.max(slowestMs, performance.now() - started);
    const image = (await findImage(userId, imageId))!;
    const label = image.status === 'failed' ? `failed:${image.failureCode}` : image.status;
    outcomes[label] = (outcomes[label] ?? 0) + 1;

    expect({ outcome, status: image.status }).toEqual({ outcome: image.status === 'ready' ? 'done' : 'failed', status: expect.stringMatching(/^(ready|failed)$/) });
    if (image.status === 'failed') expect(image.failureReason).toMatch(/\w.*\./);
  }
  console.log(`fuzz: ${CASES} cases from seed ${SEED}: ${JSON.stringify(outcomes)}; slowest ${Math.round(slowestMs)} ms; peak RSS ${Math.round(peakRss / 1024 / 1024)} MiB`);
  expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(CASES);
  expect(outcomes.ready).toBeGreaterThan(0);
  expect(slowestMs).toBeLessThan(TIME_BOUND_MS);
  expect(peakRss).toBeLessThan(MEMORY_CAP_BYTES);
}, 600_000);
