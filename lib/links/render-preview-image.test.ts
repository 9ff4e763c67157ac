import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, renderPreviewImage } from './render-preview-image';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');

describe('the link card image', () => {
  it('is a 1200×630 JPEG that letterboxes a portrait photo instead of cropping it', async () => {
    // A portrait photo: a white top half and a black bottom half.
    const portrait = await sharp({ create: { width: 400, height: 600, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 400, height: 300, channels: 3, background: '#000000' } }, top: 300, left: 0 }])
      .jpeg()
      .toBuffer();
    const card = await renderPreviewImage(portrait);
    const meta = await sharp(card).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT });

    // The whole photo is there (600 tall, centred, not enlarged): white near its top and black near its bottom.
    const { data, info } = await sharp(card).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
    expect(at(600, 25)).toBeGreaterThan(230);
    expect(at(600, 605)).toBeLessThan(25);
    // Beside it, the blurred backdrop rather than flat bars.
    expect(at(100, 25)).toBeGreaterThan(25);
    expect(at(100, 25)).toBeLessThan(230);
  });

  it('renders a real photo', async () => {
    const card = await renderPreviewImage(await readFile(path.join(fixtures, 'bench/flower-3mp.jpg')));
    expect(await sharp(card).metadata()).toMatchObject({ width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT });
  });
});
