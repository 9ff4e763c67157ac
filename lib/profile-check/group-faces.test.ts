import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFacesInProcess } from '../faces/describe-faces';
import { loadFaceModel } from '../faces/load-face-model';
import { prepareFacePhoto } from '../faces/prepare-face-photo';
import { analyzePhoto } from './analyze-photo';
import { SEVERAL_FACES_MAX_SCORE } from './linkedin';
import { createLocalAnalyzer } from './local-analyzer';
import { isCounted } from './schemas';

/*
 * Group photos, with the built-in model (loaded once for this file), prepared as the app prepares
 * them. The LinkedIn check must find more than one person in each; indexing for People must find
 * every visible person's face, and nothing else.
 *
 * The people were counted by looking at the photos; each is given by the centre of their face, in
 * fractions of the photo's width and height. Left out: groups/soldiers.jpg (320 × 240, faces of
 * about 10 px under helmets), groups/pool.jpg (one of its two men is in full profile, which BlazeFace,
 * a frontal detector, does not find), and groups/beach-background-people.jpg, a portrait with people
 * far behind, which is checked below as such.
 */

const fixtures = path.join(import.meta.dirname, '..', '..', 'fixtures');
const read = (name: string) => readFileSync(path.join(fixtures, name));
const local = createLocalAnalyzer();

const GROUPS: [name: string, people: [x: number, y: number][], what: string][] = [
  ['groups/face-api-sample2.jpg', [[0.23, 0.21], [0.51, 0.27], [0.8, 0.21]], 'three women on a sofa: one in three-quarter profile, two looking down'],
  ['groups/face-api-sample3.jpg', [[0.36, 0.35], [0.62, 0.27], [0.82, 0.33]], 'three women on a leather sofa, facing the camera'],
  ['groups/face-api-sample4.jpg', [[0.17, 0.23], [0.39, 0.14], [0.56, 0.22], [0.71, 0.2]], 'four women standing close, heads tilted up to 27°'],
  ['groups/face-api-sample5.jpg', [[0.24, 0.74], [0.35, 0.4], [0.45, 0.16], [0.63, 0.24], [0.79, 0.39]], 'five women on a staircase, at three depths'],
  ['groups/face-api-sample6.jpg', [[0.19, 0.41], [0.4, 0.32], [0.66, 0.3], [0.83, 0.28]], 'four women in front of a window blind'],
  ['faces/group-sample1.jpg', [[0.26, 0.38], [0.49, 0.43], [0.82, 0.27]], 'three women in costume, heads tilted up to 31°'],
];

/** Groups the check must find more than one person in, but whose every face indexing is not held to. */
const CHECK_ONLY: [name: string, what: string][] = [
  ['groups/bar.jpg', 'a couple at a bar; guests behind them in the dark, how many of whom are visible is a judgement call'],
  ['groups/bar-2.jpg', 'the same couple cheek to cheek; dim guests behind'],
  ['groups/expedition-1897.jpg', 'five men in a row with faces of 28 px in a 500-px photo, of which the detector finds two'],
];

async function prepare(name: string) {
  return prepareFacePhoto(read(name));
}

beforeAll(() => loadFaceModel(), 30_000);

describe('group photos in the LinkedIn check', () => {
  it.each([...GROUPS.map(([name, , what]) => [name, what]), ...CHECK_ONLY])('%s (%s): more than one person in the picture', async (name) => {
    const input = await prepare(name);
    const { report } = await analyzePhoto(input, local, { sourceSize: input.sourceSize });
    expect(report.faces.filter(isCounted).length).toBeGreaterThan(1);
    expect(report.checks.find((c) => c.id === 'one-face')).toMatchObject({ status: 'fail', label: expect.stringMatching(/more than one person/i) });
    expect(report.score).toBeLessThanOrEqual(SEVERAL_FACES_MAX_SCORE);
  });

  it('groups/beach-background-people.jpg: one man in front, people far behind: he is alone in the picture, and the others are a note', async () => {
    const input = await prepare('groups/beach-background-people.jpg');
    const { report } = await analyzePhoto(input, local, { sourceSize: input.sourceSize });
    expect(report.faces.map((face) => face.role).sort()).toEqual(['background', 'subject']);
    expect(report.checks.find((c) => c.id === 'one-face')?.status).toBe('pass');
    expect(report.notes.map((note) => note.id)).toEqual(['background-outside-crop']);
  });
});

describe('group photos in the People index', () => {
  it.each(GROUPS)('%s: each person once, and nothing else', async (name, people) => {
    const faces = await describeFacesInProcess(await prepare(name));
    expect(faces).toHaveLength(people.length);
    for (const [x, y] of people) {
      const on = faces.filter(({ box }) => x > box.left && x < box.left + box.width && y > box.top && y < box.top + box.height);
      expect(on, `a face at ${x}, ${y}`).toHaveLength(1);
    }
  });

  it('faces/astronaut.png: one face', async () => {
    expect(await describeFacesInProcess(await prepare('faces/astronaut.png'))).toHaveLength(1);
  });
});
