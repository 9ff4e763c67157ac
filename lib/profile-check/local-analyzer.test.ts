import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { findFaces } from '../faces/find-faces';
import { loadFaceModel } from '../faces/load-face-model';
import { prepareFacePhoto } from '../faces/prepare-face-photo';
import { countPeople } from './count-people';
import { createLocalAnalyzer } from './local-analyzer';
import { FaceSchema } from './schemas';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', name));
const analyzer = createLocalAnalyzer();

beforeAll(() => loadFaceModel(), 30_000);

describe('createLocalAnalyzer', () => {
  it('loads the model once: every caller shares one load', async () => {
    const [a, b] = await Promise.all([loadFaceModel(), loadFaceModel()]);
    expect(a).toBe(b);
    expect(a.human.tf.getBackend()).toBe('wasm');
    expect(a.human.models.loaded()).toEqual(expect.arrayContaining(['blazeface', 'facemesh', 'iris', 'emotion']));
  });

  it('describes the astronaut: frontal, level, eyes open, smiling, happy; sunglasses unknown', async () => {
    const [face, ...others] = await analyzer.detect(await prepareFacePhoto(fixture('faces/astronaut.png')));
    expect(others).toEqual([]);
    expect(FaceSchema.parse(face)).toEqual(face);
    // Her face spans about x 0.35–0.53, y 0.14–0.34 of the 512-px portrait.
    expect(face!.box.left).toBeGreaterThan(0.3);
    expect(face!.box.left + face!.box.width).toBeLessThan(0.6);
    expect(face!.box.top).toBeGreaterThan(0.08);
    expect(face!.box.top + face!.box.height).toBeLessThan(0.4);
    expect(face!.confidence).toBeGreaterThan(0.5);
    expect(Math.abs(face!.pose.yaw)).toBeLessThan(10);
    expect(Math.abs(face!.pose.pitch)).toBeLessThan(15);
    expect(Math.abs(face!.pose.roll)).toBeLessThan(8);
    expect(face!.eyesOpen).toMatchObject({ value: true });
    expect(face!.smile).toMatchObject({ value: true });
    expect(face!.mouthOpen).toMatchObject({ value: true });
    expect(face!.sunglasses).toBe('unknown');
    expect(face!.emotion).toBe('happy');
  });

  it('reports head roll in degrees, with the sign following the tilt', async () => {
    const turned = async (degrees: number) => {
      const jpeg = await sharp(fixture('faces/astronaut.png')).rotate(degrees, { background: '#808080' }).jpeg().toBuffer();
      const { width, height } = await sharp(jpeg).metadata();
      const [face] = await analyzer.detect({ jpeg, width, height });
      return face!.pose.roll;
    };
    const [left, right] = [await turned(-20), await turned(20)];
    expect(Math.abs(left - right)).toBeGreaterThan(25);
    expect(Math.sign(left)).toBe(-Math.sign(right));
  });

  it('frees its tensors: memory stays flat from one photo to the next', async () => {
    const { human } = await loadFaceModel();
    const input = await prepareFacePhoto(fixture('faces/group-sample1.jpg'), { maxSide: 640 });
    await analyzer.detect(input);
    const before = human.tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await analyzer.detect(input);
    expect(human.tf.memory().numTensors).toBe(before);
  });

  it('finds each face of a group, and serves concurrent callers one at a time', async () => {
    const [group, single] = await Promise.all([
      prepareFacePhoto(fixture('faces/group-sample1.jpg')).then((input) => createLocalAnalyzer().detect(input)),
      prepareFacePhoto(fixture('faces/astronaut.png')).then((input) => analyzer.detect(input)),
    ]);
    expect(group).toHaveLength(3);
    expect(single).toHaveLength(1);
    for (const face of group) expect(FaceSchema.safeParse(face).success).toBe(true);
  });

  it('looks closer around a small subject, and finds the person beside them the whole-photo look missed', async () => {
    // Two astronauts in a 1600 × 1200 photo of flowers: faces about 100 and 55 px tall, side by side.
    const cut = (face: number) => sharp(fixture('faces/astronaut.png')).extract({ left: 150, top: 40, width: 220, height: 260 }).resize({ height: Math.round(face / 0.45) });
    const background = await sharp(fixture('bench/flower-3mp.jpg')).resize(1600, 1200, { fit: 'cover' }).toBuffer();
    const jpeg = await sharp(background)
      .composite([
        { input: await cut(110).toBuffer(), left: 700, top: 300 },
        { input: await cut(60).flop().toBuffer(), left: 876, top: 344 },
      ])
      .jpeg({ quality: 90 })
      .toBuffer();
    expect((await findFaces(jpeg, 'analysis')).faces).toHaveLength(1);
    const faces = await analyzer.detect({ jpeg, width: 1600, height: 1200 });
    expect(countPeople({ faces, image: { width: 1600, height: 1200 } }).faces.map((face) => face.role)).toEqual(['subject', 'in-picture']);
    expect(faces[1]).toMatchObject({ confirmed: true });
    expect(faces[0]!.confirmed).toBeUndefined();
    // The closer look and the second look free their tensors too.
    const { human } = await loadFaceModel();
    const before = human.tf.memory().numTensors;
    await analyzer.detect({ jpeg, width: 1600, height: 1200 });
    expect(human.tf.memory().numTensors).toBe(before);
  });
});
