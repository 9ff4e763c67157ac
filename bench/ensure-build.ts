import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** What the production build is made from: a change to any of these makes `.next` stale. */
const SOURCES = ['app', 'components', 'lib', 'adapters', 'middleware', 'proxy.ts', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs', 'public'];

/** Whether a source of the site changed after `mtimeMs` (a build's own mark). */
export async function sourcesChangedSince(root: string, mtimeMs: number): Promise<boolean> {
  const newest = Math.max(...(await Promise.all(SOURCES.map((source) => newestChange(path.join(root, source))))));
  return newest > mtimeMs;
}

async function newestChange(entry: string): Promise<number> {
  const info = await stat(entry).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  return Math.max(info.mtimeMs, ...(await Promise.all(children.map((child) => newestChange(path.join(entry, child))))));
}

/** Builds and serves the benchmarks' production build: `.next-bench`, with the pages only benches load (lib/config.ts benchBuild). */
export const BENCH_BUILD_ENV = { HEADSHOT_BENCH_BUILD: '1' };

/** Where that build lives (lib/config.ts benchBuild), beside the site's own `.next`. */
export const BENCH_BUILD_DIR = '.next-bench';

/**
 * The benches that serve pages need a production build of the current sources. Builds one when
 * `.next-bench` has none or is older than a source, and says why on stderr (stdout carries the figures).
 */
export async function ensureBuild(root: string): Promise<void> {
  const built = await stat(path.join(root, BENCH_BUILD_DIR, 'BUILD_ID')).catch(() => null);
  if (built && !(await sourcesChangedSince(root, built.mtimeMs))) return;
  process.stderr.write(built ? 'bench: the production build is older than the sources; building it again (next build)…\n' : 'bench: no production build yet; building it (next build)…\n');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/next'), ['build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, ...BENCH_BUILD_ENV } });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}
