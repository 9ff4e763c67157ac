import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DetectFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import sharp, { type Sharp } from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFaceModel } from '../faces/load-face-model';
import { prepareFacePhoto } from '../faces/prepare-face-photo';
import { analyzePhoto } from './analyze-photo';
import { renderLinkedInCrops } from './crop';
import { createLocalAnalyzer } from './local-analyzer';
import { measureQuality } from './measure-quality';
import { createRekognitionAnalyzer } from './rekognition-analyzer';
import { ProfileReportSchema } from './schemas';

/*
 * The quality bar, on real photos, with the built-in model (loaded once for this file).
 */

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', name));
const local = createLocalAnalyzer();

async function analyze(photo: Buffer) {
  const input = await prepareFacePhoto(photo);
  return { input, ...(await analyzePhoto(input, local, { sourceSize: input.sourceSize })) };
}

beforeAll(() => loadFaceModel(), 30_000);

describe('analyzePhoto with the local analyzer', () => {
  it('faces/astronaut.png: exactly one face, a score of at least 70, and a crop', async () => {
    const { report, crop } = await analyze(fixture('faces/astronaut.png'));
    expect(ProfileReportSchema.parse(report)).toEqual(report);
    expect(report.analyzer).toBe('local');
    expect(report.faces).toHaveLength(1);
    expect(report.checks.find((c) => c.id === 'one-face')?.status).toBe('pass');
    expect(report.score).toBeGreaterThanOrEqual(70);
    expect(crop.status).toBe('ok');
    const files = await renderLinkedInCrops(fixture('faces/astronaut.png'), crop);
    expect(files.map((f) => f.size)).toEqual([400]);
  });

  it('faces/group-sample1.jpg: the "more than one person" check fails', async () => {
    const { report } = await analyze(fixture('faces/group-sample1.jpg'));
    expect(report.faces.length).toBeGreaterThan(1);
    expect(report.checks.find((c) => c.id === 'one-face')).toMatchObject({ status: 'fail', label: expect.stringMatching(/more than one person/i) });
    expect(report.score).toBeLessThan(50);
  });

  it.each(['nofaces/chelsea.png', 'nofaces/coffee.png'])('%s: "No face found", a low score, no crop', async (name) => {
    const { report, crop } = await analyze(fixture(name));
    expect(report.faces).toEqual([]);
    expect(report.checks[0]).toMatchObject({ id: 'one-face', status: 'fail', label: 'No face found' });
    expect(report.score).toBeLessThanOrEqual(10);
    expect(crop.status).toBe('too-small');
  });

  /*
   * Each EXIF orientation, with the pixels stored so that applying it shows the photo upright: a
   * mirror, a turn, or both (5 and 7 are the two diagonal mirrors). The base is the astronaut cut to
   * 448 × 512, so a wrong turn also shows in the analysed size, and a wrong mirror in the box.
   */
  type Step = (image: Sharp) => Sharp;
  const flop: Step = (image) => image.flop();
  const flip: Step = (image) => image.flip();
  const turn = (degrees: number): Step => (image) => image.rotate(degrees);
  it.each<[number, Step[]]>([
    [1, []],
    [2, [flop]],
    [3, [turn(180)]],
    [4, [flip]],
    [5, [turn(90), flop]],
    [6, [turn(270)]],
    [7, [turn(90), flip]],
    [8, [turn(90)]],
  ])('finds the same face in the astronaut stored with EXIF orientation %i', async (orientation, steps) => {
    const base = await sharp(fixture('faces/astronaut.png')).extract({ left: 32, top: 0, width: 448, height: 512 }).png().toBuffer();
    const upright = await analyze(base);
    // One sharp pipeline per step, so the steps apply in the order listed.
    let pixels = base;
    for (const step of steps) pixels = await step(sharp(pixels)).png().toBuffer();
    const stored = await sharp(pixels).withMetadata({ orientation }).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(orientation);

    const turned = await analyze(stored);
    expect([turned.input.width, turned.input.height]).toEqual([448, 512]);
    expect(turned.report.faces).toHaveLength(1);
    expect(turned.report.faces).toHaveLength(upright.report.faces.length);
    const [a, b] = [upright.report.faces[0]!.box, turned.report.faces[0]!.box];
    expect(Math.abs(a.left - b.left)).toBeLessThan(0.03);
    expect(Math.abs(a.top - b.top)).toBeLessThan(0.03);
  });

  it('measures quality over the largest face, the same way for either analyzer', async () => {
    const { input, report } = await analyze(fixture('faces/astronaut.png'));
    expect(report.quality).toEqual(await measureQuality(input.jpeg, report.faces[0]!.box));

    const rekognition = mockClient(RekognitionClient);
    rekognition.on(DetectFacesCommand).resolves(JSON.parse(readFileSync(path.join(import.meta.dirname, '__fixtures__', 'detect-faces-portrait.json'), 'utf8')));
    const remote = await analyzePhoto(input, createRekognitionAnalyzer(rekognition as unknown as RekognitionClient), { sourceSize: input.sourceSize });
    expect(remote.report.analyzer).toBe('rekognition');
    expect(remote.report.quality).toEqual(await measureQuality(input.jpeg, remote.report.faces[0]!.box));
    expect(remote.crop.status).toBe('ok');
  });
});
