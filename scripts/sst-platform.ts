import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** The repository root (where sst.config.ts lives). */
export const repoRoot = path.resolve(import.meta.dirname, '..');
/** What `sst install` writes: the SST components' TypeScript source, Pulumi and its AWS provider. */
export const platformDir = path.join(repoRoot, '.sst', 'platform');

/**
 * Runs `sst install` offline: bun from node_modules installs the providers from its cache, and no
 * dependency check or telemetry call is made. Safe to repeat.
 */
export function installPlatform(options: { quiet?: boolean } = {}): void {
  const bin = path.join(repoRoot, 'node_modules', '.bin');
  const result = spawnSync(path.join(bin, 'sst'), ['install'], {
    cwd: repoRoot,
    stdio: options.quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    env: {
      ...process.env,
      SST_BUN_PATH: path.join(bin, 'bun'),
      SST_SKIP_DEPENDENCY_CHECK: '1',
      SST_STAGE: process.env.SST_STAGE ?? 'ci',
      SST_TELEMETRY_DISABLED: '1',
    },
  });
  if (result.status !== 0 || !existsSync(path.join(platformDir, 'config.d.ts'))) {
    const output = options.quiet ? `\n${result.stdout}${result.stderr}` : '';
    throw new Error(`sst install failed (exit ${result.status ?? result.signal}); .sst/platform/config.d.ts was not written${output}`);
  }
}

export function platformInstalled(): boolean {
  return existsSync(path.join(platformDir, 'config.d.ts')) && existsSync(path.join(platformDir, 'node_modules', '@pulumi', 'aws'));
}

const INSTALL_WAIT_MS = 170_000;

/**
 * Installs the platform unless it is there. Test files run in parallel, so one process installs while
 * the others wait for it: concurrent `sst install` runs would write over each other in .sst/platform.
 */
export async function ensurePlatform(): Promise<void> {
  if (platformInstalled()) return;
  const lock = path.join(repoRoot, '.sst', 'install.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  let owner = false;
  try {
    mkdirSync(lock);
    owner = true;
  } catch {
    // Another process holds the lock.
  }
  if (owner) {
    try {
      installPlatform({ quiet: true });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
  const deadline = Date.now() + INSTALL_WAIT_MS;
  while (existsSync(lock) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  if (!platformInstalled()) throw new Error('Waited for another process to run sst install, but .sst/platform is still missing');
}
