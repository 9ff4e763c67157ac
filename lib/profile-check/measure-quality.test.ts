import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { measureQuality } from './measure-quality';

const astronaut = readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', 'faces', 'astronaut.png'));
/** The astronaut's face, as the local analyzer finds it. */
const face = { left: 0.348, top: 0.139, width: 0.182, height: 0.201 };

describe('measureQuality', () => {
  it('measures brightness as mean luminance, 0..100', async () => {
    const grey = (level: number) => sharp({ create: { width: 64, height: 64, channels: 3, background: { r: level, g: level, b: level } } }).png().toBuffer();
    expect((await measureQuality(await grey(0))).brightness).toBe(0);
    expect((await measureQuality(await grey(255))).brightness).toBe(100);
    expect((await measureQuality(await grey(128))).brightness).toBeCloseTo(50.2, 0);
  });

  it('reads a flat image as not sharp at all, and fine detail as sharp', async () => {
    const flat = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#808080' } }).png().toBuffer();
    expect((await measureQuality(flat)).sharpness).toBe(0);
    expect((await measureQuality(astronaut, face)).sharpness).toBeGreaterThan(80);
  });

  it('falls as the face is blurred', async () => {
    const values = [];
    for (const sigma of [0, 1, 2, 3]) {
      const blurred = sigma === 0 ? astronaut : await sharp(astronaut).blur(sigma).png().toBuffer();
      values.push((await measureQuality(blurred, face)).sharpness);
    }
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values[0]! - values[3]!).toBeGreaterThan(60);
  });

  it('measures only the face when given its box', async () => {
    // A dark frame around a bright "face" in the middle.
    const image = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#101010' } })
      .composite([{ input: { create: { width: 100, height: 100, channels: 3, background: '#e0e0e0' } }, left: 150, top: 150 }])
      .png()
      .toBuffer();
    expect((await measureQuality(image)).brightness).toBeLessThan(15);
    expect((await measureQuality(image, { left: 0.375, top: 0.375, width: 0.25, height: 0.25 })).brightness).toBeGreaterThan(85);
  });

  it('measures the whole frame when the box is a few pixels', async () => {
    const whole = await measureQuality(astronaut);
    expect(await measureQuality(astronaut, { left: 0.5, top: 0.5, width: 0.01, height: 0.01 })).toEqual(whole);
  });

  it('refuses something that is not a buffer', async () => {
    await expect(measureQuality('astronaut.png' as unknown as Buffer)).rejects.toThrow(/Buffer/);
  });
});
