import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFacesInProcess } from '../faces/describe-faces';
import type { DescribedFace } from '../faces/describe-faces-event';
import { decodeDescriptor } from '../faces/descriptors';
import { largestFace } from '../faces/largest-face';
import { similarity } from './descriptor-matrix';
import { SAME_PERSON_MIN_SIMILARITY } from './local-recognizer';

/*
 * The built-in model on the fixture faces: the measurements SAME_PERSON_MIN_SIMILARITY was chosen from
 * (the same face after everyday edits against different people). The small-face detection is
 * lib/faces/describe-faces.test.ts.
 */

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const read = (name: string) => readFile(path.join(fixtures, name));

async function describePhoto(image: ReturnType<typeof sharp>): Promise<DescribedFace[]> {
  const { data, info } = await image.jpeg({ quality: 92 }).toBuffer({ resolveWithObject: true });
  return describeFacesInProcess({ jpeg: data, width: info.width, height: info.height });
}

const descriptorOf = (face: DescribedFace | undefined) => decodeDescriptor(face!.descriptor!);
const leftToRight = (faces: DescribedFace[]) => [...faces].sort((a, b) => a.box.left - b.box.left);

let astronaut: Buffer;
let group: Buffer;
let original: Int8Array;
let groupFaces: DescribedFace[];

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
