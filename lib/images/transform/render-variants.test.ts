import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findLeftoverMetadata } from './find-leftover-metadata';
import { processImageBuffer } from './process-image-buffer';
import { planVariants } from './render-variants';
import type { EncodedVariant } from './schemas';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const read = (relative: string) => readFileSync(path.join(fixtures, relative));

async function variantsOf(relative: string): Promise<EncodedVariant[]> {
  const result = await processImageBuffer(read(relative));
  if (result.status !== 'ready') throw new Error(`${relative} was refused: ${result.reason}`);
  return result.variants;
}

async function pixels(body: Buffer) {
  return sharp(body).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}

function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('planVariants', () => {
  it('gives a 13 MP photo all four sizes, the 640 and 1280 ones public', () => {
    expect(planVariants(3120, 4208, false)).toEqual([
      { size: 256, longSide: 256, public: false },
      { size: 640, longSide: 640, public: true },
      { size: 1280, longSide: 1280, public: true },
      { size: 2048, longSide: 2048, public: false },
    ]);
  });

  it('never enlarges: a small image stops at its own size, in the first bucket that holds it', () => {
    expect(planVariants(800, 533, false)).toEqual([
      { size: 256, longSide: 256, public: false },
      { size: 640, longSide: 640, public: true },
      { size: 1280, longSide: 800, public: true },
    ]);
    // Smaller than every public size: its one variant is what public pages show, so it is the public one.
    expect(planVariants(32, 32, false)).toEqual([{ size: 256, longSide: 32, public: true }]);
  });

  it('keeps an image that is exactly a bucket at that bucket without an extra copy', () => {
    expect(planVariants(2048, 1000, false).map((v) => v.longSide)).toEqual([256, 640, 1280, 2048]);
  });

  it('stops animations at 640 px', () => {
    expect(planVariants(1500, 1000, true).map((v) => v.longSide)).toEqual([256, 640]);
    expect(planVariants(350, 189, true).map((v) => v.longSide)).toEqual([256, 350]);
  });
});

describe('renderVariants output', () => {
  it('makes a WebP and a JPEG per size, with the sizes planned and the numbers recorded right', async () => {
    const variants = await variantsOf('bench/photo-13mp.jpg');
    expect(variants.map((v) => `${v.name}.${v.format} ${v.width}x${v.height}`).sort()).toEqual(
      [
        'w2048.webp 1518x2048',
        'w2048.jpeg 1518x2048',
        'w1280.webp 949x1280',
        'w1280.jpeg 949x1280',
        'w640.webp 474x640',
        'w640.jpeg 474x640',
        'w256.webp 190x256',
        'w256.jpeg 190x256',
      ].sort(),
    );
    for (const variant of variants) {
      const out = await sharp(variant.body).metadata();
      expect([out.format, out.width, out.height, variant.bytes]).toEqual([variant.format, variant.width, variant.height, variant.body.length]);
      expect(variant.watermarked).toBe(false);
    }
  });

  it('applies EXIF orientation: orientations 1–8 all come out like orientation 1', async () => {
    const reference = await pixels((await variantsOf('orientation/orientation_1.jpg')).find((v) => v.format === 'webp')!.body);
    for (let orientation = 2; orientation <= 8; orientation++) {
      const variant = (await variantsOf(`orientation/orientation_${orientation}.jpg`)).find((v) => v.format === 'webp')!;
      const out = await pixels(variant.body);
      expect([out.info.width, out.info.height], `orientation ${orientation}`).toEqual([reference.info.width, reference.info.height]);
      // Same picture up to JPEG noise (measured ≤ 0.3); a flipped "F" is ~30 apart.
      expect(meanAbsoluteDifference(out.data, reference.data), `orientation ${orientation}`).toBeLessThan(2);
    }
  });

  it('would notice a wrong orientation (the comparison above can fail)', async () => {
    const reference = await pixels((await variantsOf('orientation/orientation_1.jpg')).find((v) => v.format === 'webp')!.body);
    const flipped = await sharp(reference.data, { raw: { width: reference.info.width, height: reference.info.height, channels: 3 } })
      .flip()
      .raw()
      .toBuffer();
    expect(meanAbsoluteDifference(flipped, reference.data)).toBeGreaterThan(10);
  });

  it('leaves no EXIF, GPS, XMP, IPTC or ICC data in any variant of a photo that carries GPS', async () => {
    const original = read('faces/group-sample1.jpg');
    // The checker does see GPS in the original, so an empty answer below means something.
    expect(await findLeftoverMetadata(original)).toEqual(expect.arrayContaining(['exif', 'gps', 'icc']));
    const result = await processImageBuffer(original, { watermark: { enabled: true, text: 'mine', position: 'top-left', opacity: 0.5 } });
    if (result.status !== 'ready') throw new Error(result.reason);
    expect(result.variants.length).toBe(12);
    for (const variant of result.variants) {
      expect(await findLeftoverMetadata(variant.body), `${variant.name}.${variant.format}`).toEqual([]);
      const out = await sharp(variant.body).metadata();
      expect([out.exif, out.xmp, out.iptc]).toEqual([undefined, undefined, undefined]);
    }
    expect(JSON.stringify(result.metadata)).not.toMatch(/gps|latitude|longitude|altitude/i);
  });

  it('converts colour to sRGB', async () => {
    for (const variant of await variantsOf('formats/cmyk.jpeg')) {
      const out = await sharp(variant.body).metadata();
      expect([out.space, out.channels]).toEqual(['srgb', 3]);
    }
  });

  it('keeps an animation animated in WebP, with its frames and timing', async () => {
    const variants = await variantsOf('formats/animated.gif');
    const webp = variants.filter((v) => v.format === 'webp');
    expect(webp.map((v) => [v.name, v.width, v.height, v.animated])).toEqual([
      ['w256', 256, 138, true],
      ['w640', 350, 189, true],
    ]);
    for (const variant of webp) {
      const out = await sharp(variant.body, { animated: true }).metadata();
      expect([out.pages, out.pageHeight, out.loop]).toEqual([56, variant.height, 0]);
    }
  });
});
