import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectImage } from './inspect-image';
import { MAX_ANIMATION_FRAMES, MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES } from './limits';
import { sniffFormat } from './sniff-format';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const read = (relative: string) => readFileSync(path.join(fixtures, relative));

describe('sniffFormat', () => {
  it.each([
    ['bench/flower-3mp.jpg', 'jpeg'],
    ['formats/alpha.png', 'png'],
    ['formats/animated.gif', 'gif'],
    ['formats/lzw.tif', 'tiff'],
    ['formats/example.avif', 'avif'],
    ['formats/example.heic', 'heic'],
  ])('names %s as %s from its first bytes', (file, format) => {
    expect(sniffFormat(read(file))).toBe(format);
  });

  it('names WebP, SVG with a prolog and a byte-order mark, and leaves the rest unknown', async () => {
    expect(sniffFormat(await sharp(read('formats/alpha.png')).webp().toBuffer())).toBe('webp');
    expect(sniffFormat(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- hi -->\n<svg viewBox="0 0 1 1"></svg>'))).toBe('svg');
    expect(sniffFormat(Buffer.from('<html><body>not an image</body></html>'))).toBe('unknown');
    expect(sniffFormat(Buffer.from('%PDF-1.7'))).toBe('unknown');
    expect(sniffFormat(Buffer.alloc(3))).toBe('unknown');
  });
});

describe('inspectImage', () => {
  it('reports what the header says, upright, without decoding', async () => {
    expect(await inspectImage(read('orientation/orientation_6.jpg'))).toEqual({
      ok: true,
      // Stored 70×50 on its side; shown 50×70.
      info: { format: 'jpeg', width: 50, height: 70, bytes: 1360, hasAlpha: false, animated: false, pages: 1, orientation: 6 },
    });
    expect(await inspectImage(read('formats/animated.gif'))).toMatchObject({ ok: true, info: { format: 'gif', animated: true, pages: 56, hasAlpha: true } });
    expect(await inspectImage(read('formats/example.avif'))).toMatchObject({ ok: true, info: { format: 'avif', width: 800, height: 533 } });
  });

  it('reads a HEIC from its header, though sharp cannot decode its pixels: its size from ispe, after the irot turn', async () => {
    expect(await inspectImage(read('formats/example.heic'))).toEqual({
      ok: true,
      info: { format: 'heic', width: 1280, height: 854, bytes: 718114, hasAlpha: false, animated: false, pages: 2, orientation: 1 },
    });
    // An iPhone 7 photo cut off after its header: the header alone says what it is.
    expect(await inspectImage(read('hostile/truncated-iphone.heic'))).toMatchObject({ ok: true, info: { format: 'heic', width: 4032, height: 3024 } });
    // Stored 280 × 200 with irot 270°; its EXIF orientation (6) only describes that turn, so it is not applied again.
    expect(await inspectImage(read('orientation/irot-270.heic'))).toMatchObject({ ok: true, info: { format: 'heic', width: 200, height: 280, orientation: 1 } });
  });

  it('refuses a HEIC whose header claims too many pixels', async () => {
    expect(await inspectImage(read('hostile/huge-header.heic'))).toEqual({
      ok: false,
      code: 'too-many-pixels',
      reason: 'This image is 100000 × 100000 pixels (10000 megapixels); the limit is 50 megapixels. Please resize it and upload it again.',
    });
  });

  it('decides from the bytes alone: a PNG is a PNG whatever it was called', async () => {
    // The function takes no name or declared type at all; a PNG's bytes inside a ".jpg" upload stay a PNG.
    expect(await inspectImage(read('formats/alpha.png'))).toMatchObject({ ok: true, info: { format: 'png' } });
  });

  it('refuses SVG, and files that are no image', async () => {
    expect(await inspectImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({ ok: false, code: 'svg', reason: /Export the drawing as PNG/ });
    expect(await inspectImage(Buffer.from('just some words\n'))).toMatchObject({
      ok: false,
      code: 'unsupported-format',
      reason: "This file isn't an image we can use. Please upload a JPEG, PNG, WebP, AVIF, GIF, TIFF or HEIC file.",
    });
  });

  it('refuses a file over the byte limit without parsing it', async () => {
    const huge = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    read('bench/flower-3mp.jpg').copy(huge);
    expect(await inspectImage(huge)).toEqual({ ok: false, code: 'too-large', reason: 'The file is 25.0 MB; the limit is 25 MB. Please upload a smaller export.' });
  });

  it('counts every frame of an animation against the pixel limit', async () => {
    // 56 frames of 1200×800: each frame is under 1 MP, all of them together over 50 MP.
    const gif = Buffer.from(read('formats/animated.gif'));
    gif.writeUInt16LE(1200, 6);
    gif.writeUInt16LE(800, 8);
    expect(56 * 1200 * 800).toBeGreaterThan(MAX_INPUT_PIXELS);
    expect(await inspectImage(gif)).toEqual({
      ok: false,
      code: 'too-many-pixels',
      reason: 'This animation has 56 frames of 1200 × 800 pixels (54 megapixels in all); the limit is 50 megapixels. Please resize it and upload it again.',
    });
  });

  it('refuses a file whose magic number and contents disagree', async () => {
    const pngBody = read('formats/alpha.png');
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), pngBody.subarray(3)]);
    expect(await inspectImage(fake)).toMatchObject({ ok: false, code: 'corrupt' });
  });
});

/**
 * A GIF of `frames` 1 × 1 frames, each a bare image descriptor with one LZW-coded pixel (clear code,
 * index 0, end code at 3 bits): 15 bytes a frame, so a million fit in 15 MB, within the upload limit.
 */
function manyFrameGif(frames: number): Buffer {
  const header = Buffer.from([...Buffer.from('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
  const frame = Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00]);
  return Buffer.concat([header, Buffer.alloc(frame.length * frames).fill(frame), Buffer.from([0x3b])]);
}

describe('animations that would cost without limit', () => {
  it('refuses a GIF of a million tiny frames from its header, though its pixels are within the limit', async () => {
    const gif = manyFrameGif(1_000_000);
    expect(gif.length).toBeLessThan(MAX_UPLOAD_BYTES);
    const result = await inspectImage(gif);
    expect(result).toEqual({ ok: false, code: 'too-many-frames', reason: `This animation has 1000000 frames; the limit is ${MAX_ANIMATION_FRAMES}. Please shorten it and upload it again.` });
  });

  it('accepts an animation at the frame limit', async () => {
    const result = await inspectImage(manyFrameGif(MAX_ANIMATION_FRAMES));
    expect(result).toMatchObject({ ok: true, info: { animated: true, pages: MAX_ANIMATION_FRAMES } });
  });
});
