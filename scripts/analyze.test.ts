import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze as analyzeCommand } from './analyze';
import { runCommand, runScript } from './cli-harness';

const root = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => path.join(root, 'fixtures', name);
const analyze = (args: string[], env: Record<string, string> = {}) => runCommand(analyzeCommand, args, env);

const work = await mkdtemp(path.join(os.tmpdir(), 'headshot-analyze-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('npm run analyze', { timeout: 60_000 }, () => {
  it('runs as a script: a usage error on stderr and exit status 2', async () => {
    const { code, lines, stderr } = await runScript('scripts/analyze.ts', [fixture('faces/astronaut.png')], { FACE_ANALYZER: 'opencv' });
    expect(code).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(/FACE_ANALYZER/);
  });

  it('prints a line per photo, an error line for a text file, writes the crops, and exits 1', async () => {
    const text = path.join(work, 'notes.txt');
    await writeFile(text, 'not a photo\n');
    const crops = path.join(work, 'crops');
    const { code, lines } = await analyze([fixture('faces/astronaut.png'), text, '--crop', crops]);

    expect(code).toBe(1);
    expect(lines).toHaveLength(2);
    const [photo, notes] = lines;
    expect(photo).toMatchObject({ file: fixture('faces/astronaut.png'), analyzer: 'local', quality: { brightness: expect.any(Number), sharpness: expect.any(Number) } });
    expect(photo.faces).toHaveLength(1);
    expect(photo.score).toBeGreaterThanOrEqual(70);
    expect(photo.checks.map((c: { id: string }) => c.id)).toContain('one-face');
    for (const check of photo.checks) expect(check).toMatchObject({ id: expect.any(String), status: expect.stringMatching(/^(pass|warn|fail)$/) });
    expect(photo.crops).toEqual([{ size: 400, path: path.join(crops, 'astronaut-400.jpg'), bytes: expect.any(Number) }]);
    expect(await readdir(crops)).toEqual(['astronaut-400.jpg']);
    expect(await sharp(path.join(crops, 'astronaut-400.jpg')).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 400 });

    expect(notes).toEqual({ file: text, error: expect.stringMatching(/isn't an image/) });
  }, 60_000);

  it('with --ready, writes the LinkedIn-ready photo and prints the check before and after', async () => {
    const out = path.join(work, 'ready');
    const { code, lines } = await analyze([fixture('portraits/grace-hopper.jpg'), '--ready', out, '--background', 'colour:#1D4ED8']);

    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    const written = path.join(out, 'grace-hopper-ready.jpg');
    expect(line).toMatchObject({
      file: fixture('portraits/grace-hopper.jpg'),
      ready: { path: written, width: 400, height: 400, bytes: expect.any(Number), faceShare: expect.any(Number), rollCorrectedDegrees: expect.any(Number), notes: expect.any(Array) },
      before: { score: expect.any(Number), checks: expect.any(Array) },
      after: { score: expect.any(Number), checks: expect.any(Array) },
    });
    expect(line.after.score).toBeGreaterThanOrEqual(line.before.score);
    expect(await sharp(written).metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 400 });
    // The top-left corner is the colour asked for, to JPEG's rounding.
    const { channels } = await sharp(await sharp(written).extract({ left: 0, top: 0, width: 20, height: 20 }).toBuffer()).stats();
    channels.forEach((channel, i) => expect(Math.abs(channel.mean - [0x1d, 0x4e, 0xd8][i]!)).toBeLessThan(2));
  }, 60_000);

  it('with --ready, prints an error line for a photo that cannot be made ready, and exits 1', async () => {
    const { code, lines } = await analyze([fixture('portraits/patterned-tie.jpg'), '--ready', path.join(work, 'ready-small')]);
    expect(code).toBe(1);
    expect(lines).toEqual([{ file: fixture('portraits/patterned-tie.jpg'), error: expect.stringMatching(/at least 400 × 400 px/) }]);
  }, 60_000);

  it.each([
    [['--background', 'blur', fixture('faces/astronaut.png')], {}, /--background goes with --ready/],
    [[fixture('faces/astronaut.png'), '--ready', work, '--background', 'colour:blue'], {}, /use keep, blur, colour:#rrggbb or gradient/],
    [[fixture('faces/astronaut.png'), '--ready', work, '--background', 'gradient:#ffffff'], {}, /use keep, blur, colour:#rrggbb or gradient/],
    [[], {}, /Name at least one photo/],
    [['--bogus', fixture('faces/astronaut.png')], {}, /bogus/],
    [[fixture('faces/astronaut.png')], { FACE_ANALYZER: 'opencv' }, /FACE_ANALYZER/],
  ])('answers a usage error with exit code 2 (%o)', async (args, env, message) => {
    const { code, lines, stderr } = await analyze(args, env);
    expect(code).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(message);
  }, 30_000);
});
