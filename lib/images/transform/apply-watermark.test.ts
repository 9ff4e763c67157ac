import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { applyWatermark, renderWatermark, watermarkFontFile } from './apply-watermark';
import { decodeImage, type RawImage } from './decode-image';
import { inspectImage } from './inspect-image';
import { processImageBuffer } from './process-image-buffer';
import { resizeRaw } from './render-variants';
import { WATERMARK_POSITIONS, WatermarkSettingsSchema, type EnabledWatermark, type Region } from './schemas';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (relative: string) => readFileSync(path.join(root, 'fixtures', relative));
const SETTING: EnabledWatermark = { enabled: true, text: '© Jane Doe', position: 'bottom-right', opacity: 0.7 };

async function decoded(relative: string): Promise<RawImage> {
  const bytes = read(relative);
  const inspected = await inspectImage(bytes);
  if (!inspected.ok) throw new Error(inspected.reason);
  return decodeImage(bytes, inspected.info);
}

const inside = (region: Region, x: number, y: number) =>
  x >= region.left && x < region.left + region.width && y >= region.top && y < region.top + region.height;

/**
 * Counts differing pixels inside and outside a region. For JPEG, the region is first grown to the
 * 16×16 blocks it touches, plus the 2 px that the decoder's chroma upsampling blends across a block edge.
 */
function compare(a: { data: Buffer; width: number; height: number; channels: number }, b: Buffer, region: Region, jpegBlocks = false) {
  const [grid, bleed] = jpegBlocks ? [16, 2] : [1, 0];
  const left = Math.max(0, Math.floor(region.left / grid) * grid - bleed);
  const top = Math.max(0, Math.floor(region.top / grid) * grid - bleed);
  const grown: Region = {
    left,
    top,
    width: Math.ceil((region.left + region.width) / grid) * grid + bleed - left,
    height: Math.ceil((region.top + region.height) / grid) * grid + bleed - top,
  };
  let changedInside = 0;
  let changedOutside = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const at = (y * a.width + x) * a.channels;
      const changed = a.data.subarray(at, at + a.channels).compare(b.subarray(at, at + a.channels)) !== 0;
      if (!changed) continue;
      if (inside(grown, x, y)) changedInside++;
      else changedOutside++;
    }
  }
  return { changedInside, changedOutside };
}

describe('WatermarkSettingsSchema', () => {
  it('accepts off, or text with a position and an opacity', () => {
    expect(WatermarkSettingsSchema.parse({ enabled: false })).toEqual({ enabled: false });
    expect(WatermarkSettingsSchema.parse({ ...SETTING, text: '  © Jane  ' })).toEqual({ ...SETTING, text: '© Jane' });
  });

  it.each([
    ['empty text', { ...SETTING, text: '   ' }],
    ['61 characters', { ...SETTING, text: 'x'.repeat(61) }],
    ['an invisible opacity', { ...SETTING, opacity: 0.05 }],
    ['an opacity above 1', { ...SETTING, opacity: 1.5 }],
    ['an unknown position', { ...SETTING, position: 'middle' }],
  ])('refuses %s', (_label, setting) => {
    expect(WatermarkSettingsSchema.safeParse(setting).success).toBe(false);
  });
});

describe('applyWatermark', () => {
  it('changes pixels only inside its region, and does change them there', async () => {
    const clean = await resizeRaw(await decoded('bench/flower-3mp.jpg'), 1280);
    const { image: marked, region } = await applyWatermark(clean, SETTING);
    if (!region) throw new Error('expected a region');
    expect(marked.channels).toBe(clean.channels);
    const { changedInside, changedOutside } = compare(clean, marked.data, region);
    expect(changedOutside).toBe(0);
    expect(changedInside).toBeGreaterThan(region.width * region.height * 0.1);
  });

  it('leaves the image untouched when the setting is off', async () => {
    const clean = await resizeRaw(await decoded('nofaces/coffee.png'), 256);
    const { image, region } = await applyWatermark(clean, { enabled: false });
    expect(region).toBeNull();
    expect(image.data.equals(clean.data)).toBe(true);
  });

  it('marks every frame of an animation', async () => {
    const gif = await decoded('formats/animated.gif');
    const { image: marked, region } = await applyWatermark(gif, { ...SETTING, position: 'center', opacity: 1 });
    if (!region) throw new Error('expected a region');
    const frameBytes = gif.width * gif.height * gif.channels;
    for (let frame = 0; frame < gif.frames; frame++) {
      const slice = (image: RawImage) => image.data.subarray(frame * frameBytes, (frame + 1) * frameBytes);
      const { changedInside, changedOutside } = compare({ ...gif, data: slice(gif) }, slice(marked), region);
      expect([changedInside > 0, changedOutside]).toEqual([true, 0]);
    }
  });

  it('puts each position in its place, inside the canvas', async () => {
    const canvas = { width: 1280, height: 853 };
    const centres: Record<string, [number, number]> = {};
    for (const position of WATERMARK_POSITIONS) {
      const { region } = await renderWatermark(canvas, { ...SETTING, position });
      expect(region.left + region.width).toBeLessThanOrEqual(canvas.width);
      expect(region.top + region.height).toBeLessThanOrEqual(canvas.height);
      centres[position] = [(region.left + region.width / 2) / canvas.width, (region.top + region.height / 2) / canvas.height];
    }
    expect(centres['top-left']![0]).toBeLessThan(0.5);
    expect(centres['top-left']![1]).toBeLessThan(0.5);
    expect(centres['top-right']![0]).toBeGreaterThan(0.5);
    expect(centres['bottom-left']![1]).toBeGreaterThan(0.5);
    expect(centres['bottom-right']).toEqual([expect.any(Number), expect.any(Number)]);
    expect(centres['bottom-right']![0]).toBeGreaterThan(0.5);
    expect(centres['bottom-right']![1]).toBeGreaterThan(0.5);
    expect(centres.center![0]).toBeCloseTo(0.5, 1);
    expect(centres.center![1]).toBeCloseTo(0.5, 1);
  });

  it('fits 60 characters on a small image, and draws markup characters as text', async () => {
    const { region } = await renderWatermark({ width: 120, height: 80 }, { ...SETTING, text: `<b>&amp; ${'W'.repeat(51)}` });
    expect(region.left + region.width).toBeLessThanOrEqual(120);
    expect(region.top + region.height).toBeLessThanOrEqual(80);
  });

  it('scales the opacity into the overlay', async () => {
    const maxAlpha = async (opacity: number) => {
      const overlay = await renderWatermark({ width: 1280, height: 853 }, { ...SETTING, opacity });
      let max = 0;
      for (let i = 3; i < overlay.data.length; i += 4) max = Math.max(max, overlay.data[i]!);
      return max;
    };
    expect(await maxAlpha(1)).toBe(255);
    expect(await maxAlpha(0.5)).toBeGreaterThanOrEqual(126);
    expect(await maxAlpha(0.5)).toBeLessThanOrEqual(129);
  });

  it('draws the same pixels with no system fonts at all, as on Lambda', async () => {
    const overlay = await renderWatermark({ width: 1280, height: 853 }, SETTING);
    const here = createHash('sha256').update(overlay.data).digest('hex');
    const script = `
      import { renderWatermark } from ${JSON.stringify(path.join(import.meta.dirname, 'apply-watermark.ts'))};
      import { createHash } from 'node:crypto';
      const overlay = await renderWatermark({ width: 1280, height: 853 }, ${JSON.stringify(SETTING)});
      process.stdout.write(createHash('sha256').update(overlay.data).digest('hex'));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      // Fontconfig with no configuration and no font directories: only the shipped file exists.
      env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', FONTCONFIG_FILE: '/nonexistent/fonts.conf', FONTCONFIG_PATH: '/nonexistent', HOME: '/nonexistent' },
    });
    expect(stdout).toBe(here);
    expect(watermarkFontFile()).toBe(path.join(root, 'assets/fonts/DejaVuSans-Bold.ttf'));
  });
});

describe('watermarked variants from the pipeline', () => {
  it('exist only for the public sizes, next to clean ones, and differ from them only around the mark', async () => {
    const result = await processImageBuffer(read('faces/group-sample1.jpg'), { watermark: SETTING });
    if (result.status !== 'ready') throw new Error(result.reason);
    const names = (watermarked: boolean) => [...new Set(result.variants.filter((v) => v.watermarked === watermarked).map((v) => v.name))].sort();
    expect(names(true)).toEqual(['w1280-public', 'w640-public']);
    expect(names(false)).toEqual(['w1280', 'w2048', 'w256', 'w640']);

    for (const name of ['w640', 'w1280']) {
      // JPEG encodes 16×16 blocks independently, so outside the blocks the mark touches, the files decode identically.
      const clean = result.variants.find((v) => v.name === name && v.format === 'jpeg')!;
      const marked = result.variants.find((v) => v.name === `${name}-public` && v.format === 'jpeg')!;
      const { region } = await renderWatermark(clean, SETTING);
      const a = await sharp(clean.body).raw().toBuffer({ resolveWithObject: true });
      const b = await sharp(marked.body).raw().toBuffer();
      const { changedInside, changedOutside } = compare({ data: a.data, ...a.info }, b, region, true);
      expect(changedOutside, name).toBe(0);
      expect(changedInside, name).toBeGreaterThan(region.width * region.height * 0.1);
    }
  });

  it('leaves the original bytes alone', async () => {
    const original = read('bench/flower-3mp.jpg');
    const copy = Buffer.from(original);
    await processImageBuffer(original, { watermark: SETTING });
    expect(original.equals(copy)).toBe(true);
  });
});
