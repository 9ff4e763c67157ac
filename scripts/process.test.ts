import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand, runScript } from './cli-harness';
import { processFiles as processCommand } from './process';

const root = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => path.join(root, 'fixtures', name);
const processFiles = (args: string[]) => runCommand(processCommand, args);

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

  it('runs as a script: a usage error on stderr and exit status 2', async () => {
    const { code, stderr } = await runScript('scripts/process.ts', [fixture('faces/astronaut.png')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--out DIR/);
  }, 30_000);
});
