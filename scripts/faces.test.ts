import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { SAME_PERSON_MIN_SIMILARITY } from '../lib/people/local-recognizer';
import { runCommand, runScript } from './cli-harness';
import { faces as facesCommand } from './faces';

const root = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => path.join(root, 'fixtures', name);
const faces = (args: string[]) => runCommand(facesCommand, args);

const work = await mkdtemp(path.join(os.tmpdir(), 'headshot-faces-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('npm run faces -- compare', { timeout: 60_000 }, () => {
  it('runs as a script: one JSON line on stdout and the exit status', async () => {
    const missing = path.join(work, 'missing.jpg');
    const { code, lines } = await runScript('scripts/faces.ts', ['compare', fixture('faces/astronaut.png'), missing]);
    expect(code).toBe(1);
    expect(lines).toEqual([{ error: `Could not read ${missing} (ENOENT).` }]);
    expect((await runScript('scripts/faces.ts', ['compare'])).code).toBe(2);
  });

  it('calls a face and its mirror image the same person, at the app’s threshold', async () => {
    const mirrored = path.join(work, 'mirrored.jpg');
    await writeFile(mirrored, await sharp(fixture('faces/astronaut.png')).flop().jpeg().toBuffer());
    const { code, lines } = await faces(['compare', fixture('faces/astronaut.png'), mirrored]);
    expect(code).toBe(0);
    expect(lines).toEqual([{ a: fixture('faces/astronaut.png'), b: mirrored, similarity: expect.any(Number), samePerson: true }]);
    expect(lines[0]!.similarity).toBeGreaterThanOrEqual(SAME_PERSON_MIN_SIMILARITY);
  });

  it('tells two people apart', async () => {
    const { code, lines } = await faces(['compare', fixture('faces/astronaut.png'), fixture('faces/group-sample1.jpg')]);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ samePerson: false });
    expect(lines[0]!.similarity).toBeLessThan(SAME_PERSON_MIN_SIMILARITY);
  });

  it('exits 1 with a sentence for a photo without a face, and 2 for a wrong command line', async () => {
    const noFace = await faces(['compare', fixture('faces/astronaut.png'), fixture('nofaces/coffee.png')]);
    expect(noFace.code).toBe(1);
    expect(noFace.lines).toEqual([{ error: `No face was found in ${fixture('nofaces/coffee.png')}.` }]);
    expect((await faces(['compare', fixture('faces/astronaut.png')])).code).toBe(2);
    expect((await faces(['compare', fixture('faces/astronaut.png'), path.join(work, 'missing.jpg')])).lines[0]).toEqual({ error: expect.stringMatching(/Could not read .*missing\.jpg \(ENOENT\)/) });
  });
});

describe('npm run faces -- group', { timeout: 60_000 }, () => {
  it('groups the fixtures: the astronaut seen twice is one person, the three people seen once are nobody yet', async () => {
    const mirrored = path.join(work, 'mirrored-for-group.jpg');
    await writeFile(mirrored, await sharp(fixture('faces/astronaut.png')).flop().jpeg().toBuffer());
    const group = fixture('faces/group-sample1.jpg');
    const brighter = path.join(work, 'group-brighter.jpg');
    await writeFile(brighter, await sharp(group).modulate({ brightness: 1.3 }).jpeg().toBuffer());
    const { code, lines } = await faces(['group', fixture('faces/astronaut.png'), mirrored, group]);
    expect(code).toBe(0);
    const [{ people, ungrouped }] = lines as [{ people: { photo: string }[][]; ungrouped: { photo: string }[] }];
    expect(people.map((person) => person.map((face) => face.photo).sort())).toEqual([[fixture('faces/astronaut.png'), mirrored].sort()]);
    expect(ungrouped.map((face) => face.photo)).toEqual([group, group, group]);

    // The group photo again, brighter: its three people become three more people, each in both copies.
    const again = await faces(['group', fixture('faces/astronaut.png'), mirrored, group, brighter]);
    const result = again.lines[0] as { people: { photo: string }[][]; ungrouped: unknown[] };
    expect(result.people).toHaveLength(4);
    expect(result.ungrouped).toEqual([]);
    for (const person of result.people.slice(1)) expect(person.map((face) => face.photo).sort()).toEqual([group, brighter].sort());
  });

  it('exits 2 without a photo', async () => {
    expect((await faces(['group'])).code).toBe(2);
  });
});
