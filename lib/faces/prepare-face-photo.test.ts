import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { MAX_FACE_PHOTO_SIDE, prepareFacePhoto } from './prepare-face-photo';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', name));

describe('prepareFacePhoto', () => {
  it('makes a metadata-free sRGB JPEG no larger than 1600 px, and reports the original size', async () => {
    const prepared = await prepareFacePhoto(fixture('faces/group-sample1.jpg'));
    expect(prepared.sourceSize).toEqual({ width: 1920, height: 1280 });
    expect([prepared.width, prepared.height]).toEqual([MAX_FACE_PHOTO_SIDE, 1067]);
    const meta = await sharp(prepared.jpeg).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: prepared.width, height: prepared.height, space: 'srgb' });
    expect(meta.exif).toBeUndefined();
  });

  it('never enlarges a small photo', async () => {
    const prepared = await prepareFacePhoto(fixture('faces/astronaut.png'));
    expect([prepared.width, prepared.height]).toEqual([512, 512]);
  });

  it('shrinks to a smaller long side on request', async () => {
    const prepared = await prepareFacePhoto(fixture('faces/group-sample1.jpg'), { maxSide: 1024 });
    expect([prepared.width, prepared.height]).toEqual([1024, 683]);
  });

  it.each([3, 6, 8])('applies EXIF orientation %i, so the pixels come out upright', async (orientation) => {
    const file = fixture(`orientation/orientation_${orientation}.jpg`);
    const upright = fixture('orientation/orientation_1.jpg');
    const [a, b] = await Promise.all([prepareFacePhoto(file), prepareFacePhoto(upright)]);
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    const pixels = async (jpeg: Buffer) => (await sharp(jpeg).greyscale().resize(8, 8, { fit: 'fill' }).raw().toBuffer()).toJSON().data;
    const [pa, pb] = await Promise.all([pixels(a.jpeg), pixels(b.jpeg)]);
    const difference = pa.reduce((sum, value, i) => sum + Math.abs(value - pb[i]!), 0) / pa.length;
    expect(difference).toBeLessThan(10);
  });

  it('reads an iPhone photo (HEIC), upright by its irot box', async () => {
    const prepared = await prepareFacePhoto(fixture('orientation/irot-270.heic'));
    expect(prepared.sourceSize).toEqual({ width: 200, height: 280 });
    expect([prepared.width, prepared.height]).toEqual([200, 280]);
    expect((await sharp(prepared.jpeg).metadata()).format).toBe('jpeg');
  });

  it('puts transparency on white', async () => {
    const prepared = await prepareFacePhoto(fixture('formats/alpha.png'));
    expect((await sharp(prepared.jpeg).metadata()).channels).toBe(3);
  });

  it.each([
    ['hostile/truncated.jpg', /damaged|incomplete/],
    ['hostile/truncated-iphone.heic', /damaged|incomplete/],
    ['hostile/pixel-bomb-header.jpg', /megapixels/],
  ])('refuses %s with a sentence for people', async (name, message) => {
    const attempt = prepareFacePhoto(fixture(name));
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('refuses text', async () => {
    await expect(prepareFacePhoto(Buffer.from('not a photo'))).rejects.toBeInstanceOf(UserError);
  });
});
