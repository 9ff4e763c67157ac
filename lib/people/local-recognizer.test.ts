import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFacesInProcess } from '../faces/describe-faces';
import { decodeDescriptor } from '../faces/descriptors';
import { largestFace } from '../faces/largest-face';
import { createLocalAnalyzer } from '../profile-check/local-analyzer';
import { similarity } from './descriptor-matrix';
import { SAME_PERSON_MIN_SIMILARITY } from './local-recognizer';
import type { RecognizedFace } from './recognizer';

/*
 * The built-in model on the fixture faces: the measurements SAME_PERSON_MIN_SIMILARITY was chosen from
 * (the same face after everyday edits against different people), and the small-face detection.
 */

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const read = (name: string) => readFile(path.join(fixtures, name));

async function describePhoto(image: ReturnType<typeof sharp>): Promise<RecognizedFace[]> {
  const { data, info } = await image.jpeg({ quality: 92 }).toBuffer({ resolveWithObject: true });
  return describeFacesInProcess({ jpeg: data, width: info.width, height: info.height });
}

const descriptorOf = (face: RecognizedFace | undefined) => decodeDescriptor(face!.descriptor!);
const leftToRight = (faces: RecognizedFace[]) => [...faces].sort((a, b) => a.box.left - b.box.left);

let astronaut: Buffer;
let group: Buffer;
let original: Int8Array;
let groupFaces: RecognizedFace[];

beforeAll(async () => {
  [astronaut, group] = await Promise.all([read('faces/astronaut.png'), read('faces/group-sample1.jpg')]);
  original = descriptorOf(largestFace(await describePhoto(sharp(astronaut))));
  groupFaces = leftToRight(await describePhoto(sharp(group)));
}, 60_000);

describe('the same face after everyday edits', () => {
  const edits: [string, (image: ReturnType<typeof sharp>) => ReturnType<typeof sharp>][] = [
    ['a crop around the head', (image) => image.extract({ left: 110, top: 0, width: 300, height: 330 })],
    ['a resize to 50%', (image) => image.resize(256)],
    ['30% brighter', (image) => image.modulate({ brightness: 1.3 })],
    ['30% darker', (image) => image.modulate({ brightness: 0.7 })],
    ['a mirror image', (image) => image.flop()],
  ];

  it.each(edits)('matches after %s', async (_name, edit) => {
    const edited = descriptorOf(largestFace(await describePhoto(edit(sharp(astronaut)))));
    expect(similarity(original, edited)).toBeGreaterThanOrEqual(SAME_PERSON_MIN_SIMILARITY);
  });

  it('matches each face of the group photo in a mirrored, brightened copy', async () => {
    const copy = leftToRight(await describePhoto(sharp(group).flop().modulate({ brightness: 1.3 }))).reverse();
    expect(copy).toHaveLength(3);
    copy.forEach((face, i) => expect(similarity(descriptorOf(groupFaces[i]), descriptorOf(face))).toBeGreaterThanOrEqual(SAME_PERSON_MIN_SIMILARITY));
  });
});

describe('different people', () => {
  it('finds three faces in the group photo, none of whom match each other or the astronaut', () => {
    expect(groupFaces).toHaveLength(3);
    const everyone = [original, ...groupFaces.map(descriptorOf)];
    for (let i = 0; i < everyone.length; i++) {
      for (let j = i + 1; j < everyone.length; j++) expect(similarity(everyone[i]!, everyone[j]!)).toBeLessThan(SAME_PERSON_MIN_SIMILARITY);
    }
  });
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

  it('counts them for the LinkedIn check, so a portrait with people behind is not "one face"', async () => {
    const faces = await createLocalAnalyzer().detect({ jpeg: await crowd(0.03, true), width: 2048, height: 1536 });
    expect(faces).toHaveLength(13);
  }, 60_000);

  it('still finds no face in photos without people', async () => {
    for (const name of ['nofaces/chelsea.png', 'nofaces/coffee.png', 'bench/flower-3mp.jpg']) expect(await describePhoto(sharp(await read(name)))).toEqual([]);
  }, 60_000);
});
