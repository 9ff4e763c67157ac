import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { segmentPerson, SEGMENTATION_SIDE } from './segment-person';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', name));

async function square(name: string, side: number) {
  const { data, info } = await sharp(fixture(name)).removeAlpha().resize(side, side, { fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/*
 * Only photos with a face are segmented (lib/linkedin-ready finds the face first): on a photo without
 * a person the selfie model is not to be trusted (it calls 72% of nofaces/coffee.png a person).
 */
describe('segmentPerson', () => {
  it('finds the person in a portrait and not the backdrop, read from disk on the wasm backend', async () => {
    const mask = await segmentPerson(await square('portraits/jesper.jpg', 512));
    expect([mask.width, mask.height, mask.data.length]).toEqual([SEGMENTATION_SIDE, SEGMENTATION_SIDE, SEGMENTATION_SIDE ** 2]);
    const at = (x: number, y: number) => mask.data[Math.round(y * SEGMENTATION_SIDE) * SEGMENTATION_SIDE + Math.round(x * SEGMENTATION_SIDE)]!;
    // The face, in the middle; the wall, top left.
    expect(at(0.5, 0.45)).toBeGreaterThan(230);
    expect(at(0.05, 0.05)).toBeLessThan(25);
  });
});
