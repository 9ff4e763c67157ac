import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as decodeModule from './decode-image';
import { findLeftoverMetadata } from './find-leftover-metadata';
import { MAX_INPUT_PIXELS, PUBLIC_VARIANT_SIZES, VARIANT_SIZES } from './limits';
import { processImageBuffer } from './process-image-buffer';
import type { ProcessImageResult, RefusalCode } from './schemas';

vi.mock('./decode-image', async (importOriginal) => {
  const actual = await importOriginal<typeof decodeModule>();
  return { ...actual, decodeImage: vi.fn(actual.decodeImage) };
});

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const read = (relative: string) => readFileSync(path.join(fixtures, relative));

type Expected =
  | { status: 'failed'; code: RefusalCode; reason: RegExp; decoded: boolean }
  | { status: 'ready'; format: string; width: number; height: number; animated?: boolean; check?: (result: Ready) => Promise<void> };
type Ready = Extract<ProcessImageResult, { status: 'ready' }>;

/** One entry per fixture file: a new hostile or format fixture without an expectation fails the suite. */
const EXPECTED: Record<string, Expected> = {
  'hostile/crasher.png': { status: 'failed', code: 'too-many-pixels', reason: /935820 × 854554 pixels.*limit is 50 megapixels/, decoded: false },
  'hostile/pixel-bomb-header.jpg': { status: 'failed', code: 'too-many-pixels', reason: /64250 × 64250 pixels/, decoded: false },
  // The header is already broken, so the file never gets as far as a partial decode.
  'hostile/truncated.jpg': { status: 'failed', code: 'corrupt', reason: /JPEG but is damaged or incomplete/, decoded: false },
  // A sound header over broken compressed data: refused when the pixels are read, not shown half grey.
  'hostile/invalid-zlib.png': { status: 'failed', code: 'corrupt', reason: /PNG file is damaged or incomplete/, decoded: true },
  // The header claims 10 gigapixels: refused from it, before libheif sees the file.
  'hostile/huge-header.heic': { status: 'failed', code: 'too-many-pixels', reason: /This image is 100000 × 100000 pixels.*limit is 50 megapixels/, decoded: false },
  // A real iPhone photo's whole header, then nothing: the header passes, the decode finds the tiles missing.
  'hostile/truncated-iphone.heic': { status: 'failed', code: 'corrupt', reason: /^The HEIC file is damaged or incomplete/, decoded: true },
  'formats/alpha.png': {
    status: 'ready',
    format: 'png',
    width: 512,
    height: 512,
    check: async ({ variants }) => {
      for (const variant of variants) {
        const out = await sharp(variant.body).metadata();
        // WebP keeps the transparency; the JPEG fallback has none to keep.
        expect(out.hasAlpha).toBe(variant.format === 'webp');
      }
    },
  },
  'formats/animated.gif': {
    status: 'ready',
    format: 'gif',
    width: 350,
    height: 189,
    animated: true,
    check: async ({ variants }) => {
      for (const variant of variants) {
        const out = await sharp(variant.body, { animated: true }).metadata();
        if (variant.format === 'webp') {
          expect(variant.animated).toBe(true);
          expect(out.pages).toBe(56);
          expect(out.pageHeight).toBe(variant.height);
          expect(out.delay?.slice(0, 3)).toEqual([400, 100, 100]);
        } else {
          expect(variant.animated).toBe(false);
          expect(out.pages ?? 1).toBe(1);
          expect(out.height).toBe(variant.height);
        }
      }
    },
  },
  'formats/cmyk.jpeg': {
    status: 'ready',
    format: 'jpeg',
    width: 150,
    height: 103,
    check: async ({ variants }) => {
      for (const variant of variants) {
        const out = await sharp(variant.body).metadata();
        expect(out.space).toBe('srgb');
        expect(out.channels).toBe(3);
      }
    },
  },
  'formats/example.avif': { status: 'ready', format: 'avif', width: 800, height: 533 },
  'formats/example.heic': { status: 'ready', format: 'heic', width: 1280, height: 854 },
  'formats/display-p3.heic': {
    status: 'ready',
    format: 'heic',
    width: 320,
    height: 213,
    check: async ({ variants, metadata }) => {
      expect(metadata.camera).toEqual({ make: 'Headshot', model: 'Display P3 fixture', capturedAt: '2026-12-06T12:00:00' });
      for (const variant of variants) expect(await findLeftoverMetadata(variant.body), `${variant.name}.${variant.format}`).toEqual([]);
      // The pixels are Display P3: read as sRGB they would come out duller. Converted, they match the sRGB photo the file was made from.
      const fullSize = variants.find((v) => v.format === 'webp' && v.width === 320)!;
      const source = sharp(read('nofaces/coffee.png')).resize(320, 213, { fit: 'fill' });
      const p3 = await source.clone().withIccProfile('p3').raw().toBuffer({ resolveWithObject: true });
      const [ours, truth, unconverted] = await Promise.all([
        meanColour(sharp(fullSize.body)),
        meanColour(source),
        meanColour(sharp(p3.data, { raw: { width: p3.info.width, height: p3.info.height, channels: 3 } })),
      ]);
      const distance = (a: number[], b: number[]) => Math.max(...a.map((value, i) => Math.abs(value - b[i]!)));
      expect(distance(ours, truth)).toBeLessThan(2);
      expect(distance(unconverted, truth)).toBeGreaterThan(4);
    },
  },
  'formats/lzw.tif': { status: 'ready', format: 'tiff', width: 768, height: 512 },
  'formats/rgba16.png': {
    status: 'ready',
    format: 'png',
    width: 32,
    height: 32,
    check: async ({ variants }) => {
      for (const variant of variants) expect((await sharp(variant.body).metadata()).depth).toBe('uchar');
    },
  },
};

beforeEach(() => {
  vi.clearAllMocks();
});

describe('processImageBuffer on every hostile and format fixture', () => {
  it('has an expectation for exactly the files in fixtures/hostile and fixtures/formats', () => {
    const files = ['hostile', 'formats'].flatMap((dir) => readdirSync(path.join(fixtures, dir)).map((file) => `${dir}/${file}`));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} → ${expected.status === 'failed' ? `failed (${expected.code})` : 'ready'}`, async () => {
      const result = await processImageBuffer(read(file));
      if (expected.status === 'failed') {
        expect(result).toEqual({ status: 'failed', code: expected.code, reason: expect.stringMatching(expected.reason) });
        // Refusals from the header never reach the decoder.
        expect(vi.mocked(decodeModule.decodeImage).mock.calls.length > 0).toBe(expected.decoded);
        return;
      }
      if (result.status !== 'ready') throw new Error(`expected ready, got: ${result.reason}`);
      expect(result.metadata).toMatchObject({ format: expected.format, width: expected.width, height: expected.height, animated: expected.animated ?? false });
      expect(result.variants.length).toBeGreaterThanOrEqual(2);
      await expect(expectVariantsRecordedRight(result)).resolves.toBeUndefined();
      await expected.check?.(result);
    });
  }
});

describe('processImageBuffer on inputs that are not images', () => {
  const junk: Record<string, [Buffer, RefusalCode]> = {
    'an SVG drawing': [Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'), 'svg'],
    'a text file': [Buffer.from('Dear diary,\nthis is not a photo.\n'), 'unsupported-format'],
    'a PDF': [Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n'), 'unsupported-format'],
    'random bytes': [Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), 'unsupported-format'],
    'nothing at all': [Buffer.alloc(0), 'empty'],
    'a GIF signature over garbage': [Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 0xff)]), 'corrupt'],
  };
  for (const [label, [bytes, code]] of Object.entries(junk)) {
    it(`refuses ${label} with a reason, without throwing`, async () => {
      const result = await processImageBuffer(bytes);
      expect(result).toEqual({ status: 'failed', code, reason: expect.stringMatching(/\w.*\./) });
    });
  }

  it('refuses a JPEG cut off halfway rather than keeping a half-grey picture', async () => {
    const whole = read('bench/flower-3mp.jpg');
    const result = await processImageBuffer(whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(result).toEqual({ status: 'failed', code: 'corrupt', reason: expect.stringMatching(/damaged or incomplete/) });
  });

  it('refuses a header that claims too many pixels before decoding it', async () => {
    const side = Math.ceil(Math.sqrt(MAX_INPUT_PIXELS)) + 1;
    // A real PNG header for a huge image, followed by almost nothing.
    const bomb = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer();
    bomb.writeUInt32BE(side, 16);
    bomb.writeUInt32BE(side, 20);
    const result = await processImageBuffer(bomb);
    expect(result).toMatchObject({ status: 'failed', code: 'too-many-pixels' });
    expect(decodeModule.decodeImage).not.toHaveBeenCalled();
  });

  it('refuses a HEIC cut off halfway with a sentence, without throwing', async () => {
    const whole = read('formats/display-p3.heic');
    const result = await processImageBuffer(whole.subarray(0, Math.floor(whole.length * 0.6)));
    // Refused from the header here (its data runs past the end of the file); the iPhone fixture's header is whole and its decode fails.
    expect(result).toEqual({ status: 'failed', code: 'corrupt', reason: expect.stringMatching(/^The file starts like a HEIC but is damaged or incomplete/) });
  });

  it('throws on options that break the schema: a programming error, not a bad file', async () => {
    await expect(processImageBuffer(read('formats/cmyk.jpeg'), { watermark: { enabled: true, text: '', position: 'center', opacity: 0.5 } })).rejects.toThrow(
      /needs some text/,
    );
  });
});

describe('processImageBuffer makes the thumbnail first', () => {
  const watermark = { enabled: true, text: 'x', position: 'center', opacity: 1 } as const;
  // One run of the 13 MP photo serves the tests of it below: each run costs seconds of CPU.
  let large: { result: ProcessImageResult; decodes: (number | 'largest')[]; events: string[] };

  beforeAll(async () => {
    vi.mocked(decodeModule.decodeImage).mockClear();
    const events: string[] = [];
    const result = await processImageBuffer(
      read('bench/photo-13mp.jpg'),
      { watermark },
      {
        variant: async (variant) => void events.push(`${variant.name}.${variant.format}`),
        thumbnail: async (stage) => void events.push(`thumbnail ${stage.variants.map((v) => `${v.name}.${v.format}`).join(' ')} ${stage.placeholder}`),
      },
    );
    large = { result, decodes: vi.mocked(decodeModule.decodeImage).mock.calls.map(([, , options]) => options?.longSide ?? 'largest'), events };
  }, 60_000);

  it('decodes a 13 MP JPEG once at full size and once reduced (shrink-on-load) for the thumbnail', () => {
    expect(large.result.status).toBe('ready');
    expect(large.decodes.sort()).toEqual([256, 'largest']);
  });

  it('derives the thumbnail of a format that cannot shrink while decoding from the one full decode', async () => {
    const result = await processImageBuffer(read('formats/alpha.png'));
    expect(result.status).toBe('ready');
    expect(decodeModule.decodeImage).toHaveBeenCalledTimes(1);
  });

  it('hands over the thumbnail before the largest size, and every file exactly once', () => {
    const { result, events } = large;
    if (result.status !== 'ready') throw new Error(result.reason);
    const files = events.filter((event) => !event.startsWith('thumbnail'));
    expect(files.sort()).toEqual(result.variants.map((v) => `${v.name}.${v.format}`).sort());
    const thumbnailAt = events.findIndex((event) => event.startsWith('thumbnail'));
    expect(events[thumbnailAt]).toBe(`thumbnail w256.webp w256.jpeg ${result.metadata.placeholder}`);
    expect(thumbnailAt).toBeLessThan(events.indexOf('w2048.webp'));
  });

  it('makes the same thumbnail from the reduced decode as from the full one, up to resampling noise', async () => {
    // The thumbnail is never watermarked (only PUBLIC_VARIANT_SIZES are), so the run with a watermark serves.
    expect(PUBLIC_VARIANT_SIZES).not.toContain(256);
    const { result } = large;
    if (result.status !== 'ready') throw new Error(result.reason);
    const thumbnail = result.variants.find((v) => v.name === 'w256' && v.format === 'webp')!;
    const fromFull = await sharp(read('bench/photo-13mp.jpg'), { autoOrient: true }).resize(thumbnail.width, thumbnail.height).raw().toBuffer();
    const ours = await sharp(thumbnail.body).raw().toBuffer();
    expect(ours.length).toBe(fromFull.length);
    let difference = 0;
    for (let i = 0; i < ours.length; i++) difference += Math.abs(ours[i]! - fromFull[i]!);
    expect(difference / ours.length).toBeLessThan(4);
  });

  it('reports a failed write only once nothing it started is still running', async () => {
    let reported = false;
    const lateWrites: string[] = [];
    const outcome = processImageBuffer(read('bench/flower-3mp.jpg'), undefined, {
      variant: async (variant) => {
        if (reported) lateWrites.push(`${variant.name}.${variant.format}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        // The JPEG is encoded long before the WebP of the same size, so the WebP is still running here.
        if (variant.name === 'w2048' && variant.format === 'jpeg') throw new Error('S3 is down');
      },
    });
    await expect(outcome.finally(() => (reported = true))).rejects.toThrow('S3 is down');
    // Long enough for any encode that was still running to have finished and written.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(lateWrites).toEqual([]);
  });
});

describe('processImageBuffer on a HEIC', () => {
  it('turns it upright by its irot box, as an iPhone stores a portrait, and ignores its EXIF orientation', async () => {
    // Stored 280×200 on its side, with irot 270° and (as iPhones write it) EXIF orientation 6 describing the same turn.
    const result = await processImageBuffer(read('orientation/irot-270.heic'));
    if (result.status !== 'ready') throw new Error(result.reason);
    expect(result.info).toMatchObject({ format: 'heic', width: 200, height: 280, orientation: 1 });
    const fullSize = result.variants.find((v) => v.format === 'webp' && v.height === 280)!;
    const upright = read('orientation/orientation_1.jpg');
    expect(await greyDistance(fullSize.body, upright)).toBeLessThan(20);
    expect(await greyDistance(await sharp(fullSize.body).rotate(180).toBuffer(), upright)).toBeGreaterThan(40);
  });

  it('decodes it once: the thumbnail comes from the full decode', async () => {
    expect((await processImageBuffer(read('formats/example.heic'))).status).toBe('ready');
    expect(decodeModule.decodeImage).toHaveBeenCalledTimes(1);
  });
});

/** Mean absolute difference of two pictures at 8 × 8 in grey, 0–255. */
async function greyDistance(a: Buffer, b: Buffer): Promise<number> {
  const [pa, pb] = await Promise.all([a, b].map((image) => sharp(image).greyscale().resize(8, 8, { fit: 'fill' }).raw().toBuffer()));
  return pa!.reduce((sum, value, i) => sum + Math.abs(value - pb![i]!), 0) / pa!.length;
}

/** The average red, green and blue of a picture. */
async function meanColour(image: Sharp): Promise<number[]> {
  const { channels } = await image.stats();
  return channels.slice(0, 3).map((channel) => channel.mean);
}

/** Every variant's recorded numbers match the file, and no size is larger than its bucket or the original. */
async function expectVariantsRecordedRight({ info, variants }: Ready): Promise<void> {
  const originalLongSide = Math.max(info.width, info.height);
  for (const variant of variants) {
    const out = await sharp(variant.body, { animated: variant.animated }).metadata();
    expect(out.format).toBe(variant.format);
    expect(variant.contentType).toBe(`image/${variant.format}`);
    expect(variant.bytes).toBe(variant.body.length);
    expect(out.width).toBe(variant.width);
    expect(out.pageHeight ?? out.height).toBe(variant.height);
    const bucket = Number(/^w(\d+)/.exec(variant.name)?.[1]);
    expect(VARIANT_SIZES).toContain(bucket);
    expect(Math.max(variant.width, variant.height)).toBeLessThanOrEqual(Math.min(bucket, originalLongSide));
    // Aspect ratio kept within rounding.
    expect(Math.abs(variant.width / variant.height - info.width / info.height)).toBeLessThan(0.02 * (info.width / info.height) + 1 / variant.height);
  }
}

describe('processImageBuffer is bounded in time', () => {
  it('refuses an image whose decode sharp stops at the step limit, with a reason, rather than running into the function timeout', async () => {
    // A real timeout from sharp, so the test follows sharp if it ever words it differently.
    const timeout = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#808080' } })
      .blur(150)
      .timeout({ seconds: 1 })
      .toBuffer()
      .then(() => null, (error: unknown) => error);
    expect(timeout).toBeInstanceOf(Error);
    vi.mocked(decodeModule.decodeImage).mockRejectedValueOnce(timeout);
    expect(await processImageBuffer(read('bench/flower-3mp.jpg'))).toMatchObject({ status: 'failed', code: 'too-slow', reason: expect.stringMatching(/took too long/) });
  });
});
