import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { freePort } from '../local/ports';
import { BENCH_BUILD_ENV } from './ensure-build';

/*
 * The production build on a local cloud of its own (local/serve.ts), for the benches that load pages:
 * free ports, a throwaway data folder, a fresh session secret.
 */

const root = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 90_000;

export interface AppPorts {
  app: number;
  s3: number;
  dynamo: number;
  lambda: number;
}

/** Free ports for everything local/serve.ts listens on, so a bench may run beside `npm run dev`. */
export async function freeAppPorts(): Promise<AppPorts> {
  return { app: await freePort(), s3: await freePort(), dynamo: await freePort(), lambda: await freePort() };
}

/**
 * Starts local/serve.ts in its own process group, so that stopping the group also stops `next start`
 * under it. Every request may come from one address, so the per-address link limit is lifted. `env`
 * overrides any of it (a bench that starts sessions itself gives the session secret).
 */
export function startApp(ports: AppPorts, dataDir: string, env: Record<string, string> = {}): ChildProcess {
  return spawn('npx', ['tsx', 'local/serve.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    env: {
      ...process.env,
      PORT: String(ports.app),
      S3_PORT: String(ports.s3),
      DYNAMODB_PORT: String(ports.dynamo),
      LAMBDA_PORT: String(ports.lambda),
      // Any free port for the live-updates broker.
      REALTIME_PORT: '0',
      DATA_DIR: dataDir,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      LINK_RESOLVE_LIMIT_PER_MINUTE: '1000000000',
      // The benchmarks' own build (bench/ensure-build.ts).
      ...BENCH_BUILD_ENV,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      ...env,
    },
  });
}

/** Waits until the app answers `url` with a 2xx; fails with the server's last words if it exits or never answers. */
export async function waitForApp(url: string, server: ChildProcess): Promise<void> {
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`local/serve.ts exited (${server.exitCode}): ${stderr}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`local/serve.ts did not answer within ${START_TIMEOUT_MS / 1000} s: ${stderr}`);
}

/** Stops an app started by startApp: SIGTERM to its process group, then waits until every process in it has gone (SIGKILL after 10 s). */
export async function stopApp(server: ChildProcess): Promise<void> {
  if (server.pid !== undefined) await stopGroup(server.pid);
}

/** SIGTERM to a process group, then waits until every process in it has gone (SIGKILL after 10 s). */
export async function stopGroup(pgid: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + 10_000;
  while (signalGroup(pgid, 0)) {
    if (Date.now() > deadline) {
      signalGroup(pgid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether the group still had a process to signal. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
