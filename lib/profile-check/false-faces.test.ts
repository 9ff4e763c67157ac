import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFacesInProcess } from '../faces/describe-faces';
import { loadFaceModel } from '../faces/load-face-model';
import { MAX_FACE_PHOTO_SIDE, prepareFacePhoto } from '../faces/prepare-face-photo';
import { analyzePhoto } from './analyze-photo';
import { createLocalAnalyzer } from './local-analyzer';
import { isCounted, type ProfileReport } from './schemas';

/*
 * False second faces: real single-person portraits (fixtures/portraits: uniform buttons and medal
 * ribbons, ties, damask, a logo and printed text, posters of people, sunglasses, people far behind)
 * must count one person in the LinkedIn check, with the built-in model (loaded once for this file).
 * Each is checked as the fixture, prepared as the app prepares it, and as a 1600-px upload (the most
 * the app analyses; enlarged from the fixture here). At 1600 px the window pass the check used to run
 * took new-wave-posters.jpg's poster for a second person, and the score fell from 91 to 40.
 */

const fixtures = path.join(import.meta.dirname, '..', '..', 'fixtures');
const read = (name: string) => readFileSync(path.join(fixtures, name));
const PORTRAITS = [...readdirSync(path.join(fixtures, 'portraits')).map((file) => `portraits/${file}`), 'faces/astronaut.png'];
const local = createLocalAnalyzer();

async function check(photo: Buffer) {
  const input = await prepareFacePhoto(photo);
  return (await analyzePhoto(input, local, { sourceSize: input.sourceSize })).report;
}

/** Lossless, so the app's own JPEG encoding is the only one. */
async function enlarged(name: string): Promise<Buffer> {
  return sharp(read(name), { autoOrient: true }).resize({ width: MAX_FACE_PHOTO_SIDE, height: MAX_FACE_PHOTO_SIDE, fit: 'inside' }).png().toBuffer();
}

/** Every face that does not count is explained by a note of its kind, and every note by a face. */
function expectNotesForUncounted(report: ProfileReport) {
  const kinds = new Set(report.faces.filter((face) => !isCounted(face)).map((face) => (face.role === 'unverified' ? 'unverified' : 'background')));
  const noted = new Set(report.notes.map((note) => (note.id === 'unverified' ? 'unverified' : 'background')));
  expect(noted).toEqual(kinds);
}

beforeAll(() => loadFaceModel(), 30_000);

describe('one person in a portrait, whatever else is in it', () => {
  it.each(PORTRAITS)('%s: one face counted, the one-face check passes', async (name) => {
    for (const photo of [read(name), await enlarged(name)]) {
      const report = await check(photo);
      expect(report.faces.filter(isCounted).map((face) => face.role)).toEqual(['subject']);
      expect(report.checks.find((c) => c.id === 'one-face')).toMatchObject({ status: 'pass', label: 'One face, yours' });
      expectNotesForUncounted(report);
    }
  });

  it.each(PORTRAITS)('%s: indexed as one face', async (name) => {
    expect(await describeFacesInProcess(await prepareFacePhoto(read(name)))).toHaveLength(1);
  });

  it.each(['nofaces/chelsea.png', 'nofaces/coffee.png'])('%s: no face, in the check or the index', async (name) => {
    const report = await check(read(name));
    expect(report.faces).toEqual([]);
    expect(report.checks[0]).toMatchObject({ id: 'one-face', status: 'fail', label: 'No face found' });
    expect(await describeFacesInProcess(await prepareFacePhoto(read(name)))).toEqual([]);
  });
});
