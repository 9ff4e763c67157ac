import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { confirmFace, SECOND_LOOK_MIN_CONFIDENCE } from './confirm-face';
import { loadFaceModel } from './load-face-model';
import type { RawImage } from './raw-image';

/*
 * The second look on finds that windows of the fixtures (enlarged to 1600 px on their long side)
 * produced with a first mesh confidence of 0.5 or more: faces and things that are not. Each find is
 * given by its mesh's extent, in fractions of the photo's width and height.
 */

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');

async function photo(name: string): Promise<RawImage> {
  const { data, info } = await sharp(readFileSync(path.join(fixtures, name)), { autoOrient: true })
    .resize({ width: 1600, height: 1600, fit: 'inside' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function secondLook(name: string, [left, top, width, height]: [number, number, number, number]): Promise<number> {
  const image = await photo(name);
  const { human } = await loadFaceModel();
  return confirmFace(human, image, { x: left * image.width, y: top * image.height, width: width * image.width, height: height * image.height });
}

beforeAll(() => loadFaceModel(), 30_000);

describe('confirmFace', () => {
  it.each<[string, string, [number, number, number, number]]>([
    ['faces/astronaut.png', 'the space-shuttle model behind her', [0.7981, 0.4213, 0.1163, 0.1319]],
    ['faces/astronaut.png', 'the mission patch on her suit', [0.5675, 0.6887, 0.0319, 0.0331]],
    ['faces/group-sample1.jpg', 'a round badge on a uniform', [0.7856, 0.4864, 0.0238, 0.0384]],
    ['nofaces/chelsea.png', 'a cat’s eye', [0.3219, 0.2904, 0.1075, 0.1711]],
    ['portraits/qt-logo-text.jpg', 'printed text', [0.5637, 0.7913, 0.0413, 0.0437]],
  ])('%s, %s: not a face at a second look', async (name, _, mesh) => {
    expect(await secondLook(name, mesh)).toBeLessThan(SECOND_LOOK_MIN_CONFIDENCE);
  });

  it.each<[string, string, [number, number, number, number]]>([
    ['groups/bar-2.jpg', 'a guest in the dark behind the couple', [0.085, 0.3575, 0.0325, 0.0483]],
    ['groups/beach-background-people.jpg', 'a man in sunglasses far behind', [0.2894, 0.4306, 0.0181, 0.0272]],
  ])('%s, %s: still a face at a second look', async (name, _, mesh) => {
    expect(await secondLook(name, mesh)).toBeGreaterThanOrEqual(SECOND_LOOK_MIN_CONFIDENCE);
  });
});
