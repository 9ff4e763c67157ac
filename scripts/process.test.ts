import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => path.join(root, 'fixtures', name);

/** The CLI as a user runs it: a child process, JSON lines on stdout, an exit code. */
async function processFiles(args: string[]) {
  try {
    const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/process.ts'), ...args], { cwd: root });
    return { code: 0, lines: stdout.trim().split('\n').map((line) => JSON.parse(line)) };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, lines: failure.stdout.trim() ? failure.stdout.trim().split('\n').map((line) => JSON.parse(line)) : [], stderr: failure.stderr };
  }
}

const out = await mkdtemp(path.join(os.tmpdir(), 'headshot-process-'));
afterAll(() => rm(out, { recursive: true, force: true }));

describe('npm run process', () => {
  it('prints one JSON line per file: ready with its variants, or failed with a reason', async () => {
    const { code, lines } = await processFiles([fixture('faces/group-sample1.jpg'), fixture('hostile/truncated-iphone.heic'), '--out', out]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    const [photo, truncated] = lines;
    expect(photo).toMatchObject({ status: 'ready', format: 'jpeg', metadataRemaining: false });
    expect(photo.variants.length).toBeGreaterThanOrEqual(4);
    for (const variant of photo.variants) expect(variant).toMatchObject({ width: expect.any(Number), height: expect.any(Number), bytes: expect.any(Number) });
    expect((await readdir(out, { recursive: true })).filter((f) => /\.(webp|jpeg)$/.test(String(f)))).toHaveLength(photo.variants.length);
    expect(truncated).toMatchObject({ status: 'failed', reason: expect.stringMatching(/HEIC file is damaged or incomplete/) });
  }, 60_000);

  it('answers a usage error with exit code 2', async () => {
    const { code, stderr } = await processFiles([fixture('faces/astronaut.png')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--out DIR/);
  }, 30_000);
});
