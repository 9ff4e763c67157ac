import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { repoRoot } from '../sst-platform';
import { addHostSharpBinaries } from './host-binaries';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const host = `${process.platform}-${process.arch}`;

/** An artifact that ships only sharp's package.json, naming its binaries at these versions. */
async function artifactWithSharp(binaryVersion: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'headshot-host-binaries-'));
  dirs.push(dir);
  const sharp = JSON.parse(await readFile(path.join(repoRoot, 'node_modules', 'sharp', 'package.json'), 'utf8')) as { version: string; optionalDependencies: Record<string, string> };
  await mkdir(path.join(dir, 'node_modules', 'sharp'), { recursive: true });
  const manifest = { ...sharp, optionalDependencies: { ...sharp.optionalDependencies, [`@img/sharp-${host}`]: binaryVersion } };
  await writeFile(path.join(dir, 'node_modules', 'sharp', 'package.json'), JSON.stringify(manifest));
  return dir;
}

test('this machine’s sharp binaries are added at exactly the version the artifact’s sharp names', async () => {
  const { version } = JSON.parse(await readFile(path.join(repoRoot, 'node_modules', `@img/sharp-${host}`, 'package.json'), 'utf8')) as { version: string };
  const dir = await artifactWithSharp(version);
  expect(await addHostSharpBinaries(dir, repoRoot)).toContain(`@img/sharp-${host}@${version}`);
  expect(existsSync(path.join(dir, 'node_modules', `@img/sharp-${host}`, 'package.json'))).toBe(true);
});

test('an artifact whose sharp wants another binary than the project’s gets none, and the check says which', async () => {
  const dir = await artifactWithSharp('0.0.1');
  await expect(addHostSharpBinaries(dir, repoRoot)).rejects.toThrow(`needs @img/sharp-${host}@0.0.1 to run on this machine`);
  expect(existsSync(path.join(dir, 'node_modules', `@img/sharp-${host}`))).toBe(false);
});
