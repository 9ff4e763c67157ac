import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFacesInProcess } from './describe-faces';
import type { DescribedFace } from './describe-faces-event';
import { findFaces } from './find-faces';

/*
 * The built-in model's small-face detection on the fixture faces. What its descriptors measure, and the
 * threshold chosen from it, is lib/people/local-recognizer.test.ts.
 */

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const read = (name: string) => readFile(path.join(fixtures, name));

async function describePhoto(image: ReturnType<typeof sharp>): Promise<DescribedFace[]> {
  const { data, info } = await image.jpeg({ quality: 92 }).toBuffer({ resolveWithObject: true });
  return describeFacesInProcess({ jpeg: data, width: info.width, height: info.height });
}

let astronaut: Buffer;

beforeAll(async () => {
  astronaut = await read('faces/astronaut.png');
});

describe('small faces', () => {
  /** A crowd: a 2048×1536 scene with twelve faces whose face (forehead to chin) is `fraction` of its width, plus one large face when asked. */
  async function crowd(fraction: number, withPortrait = false) {
    const background = await sharp(await read('bench/flower-3mp.jpg')).resize(2048, 1536, { fit: 'cover' }).toBuffer();
    // The astronaut's face spans about 60% of this head-and-shoulders cut, so the cut is sized from the face.
    const head = await sharp(astronaut).extract({ left: 150, top: 40, width: 220, height: 260 }).resize(Math.round((2048 * fraction) / 0.6)).toBuffer();
    const faces = Array.from({ length: 12 }, (_, i) => ({ input: head, left: 120 + (i % 6) * 300, top: 900 + Math.floor(i / 6) * 300 }));
    const portrait = withPortrait ? [{ input: await sharp(astronaut).resize(700).toBuffer(), left: 674, top: 60 }] : [];
    return sharp(background).composite([...faces, ...portrait]).jpeg({ quality: 90 }).toBuffer();
  }

  it('finds background faces 3% of the photo wide, each with a descriptor', async () => {
    const faces = await describeFacesInProcess({ jpeg: await crowd(0.03), width: 2048, height: 1536 });
    expect(faces).toHaveLength(12);
    expect(faces.every((face) => face.descriptor && face.box.width < 0.05)).toBe(true);
  }, 60_000);

  it('leaves them to indexing: the LinkedIn check looks at the whole photo, and closer only where it is told', async () => {
    const photo = await crowd(0.03, true);
    expect((await findFaces(photo, 'analysis')).faces).toHaveLength(1);
    // Asked to look closer around the portrait for faces of at least a third of its height, it finds none of the twelve (each a fifth of it).
    const { faces } = await findFaces(photo, 'analysis', {}, { closerLook: (largest) => ({ area: { x: 0, y: 0, width: 2048, height: 1536 }, minFaceHeight: largest.height / 3 }) });
    expect(faces).toHaveLength(1);
    expect((await describeFacesInProcess({ jpeg: photo, width: 2048, height: 1536 })).length).toBe(13);
  }, 60_000);

  it('still finds no face in photos without people', async () => {
    for (const name of ['nofaces/chelsea.png', 'nofaces/coffee.png', 'bench/flower-3mp.jpg']) expect(await describePhoto(sharp(await read(name)))).toEqual([]);
  }, 60_000);
});
