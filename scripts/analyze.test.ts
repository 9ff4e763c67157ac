import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => path.join(root, 'fixtures', name);

/** The CLI as a user runs it: a child process, JSON lines on stdout, an exit code. */
async function analyze(args: string[], env: Record<string, string> = {}) {
  const options = { cwd: root, env: { ...process.env, FACE_ANALYZER: '', ...env } };
  try {
    const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/analyze.ts'), ...args], options);
    return { code: 0, lines: parse(stdout), stderr: '' };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, lines: parse(failure.stdout), stderr: failure.stderr };
  }
}

function parse(stdout: string) {
  return stdout.trim() ? stdout.trim().split('\n').map((line) => JSON.parse(line)) : [];
}

const work = await mkdtemp(path.join(os.tmpdir(), 'headshot-analyze-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('npm run analyze', () => {
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

  it.each([
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
