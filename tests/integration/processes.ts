import type { ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';

export { freePort } from '../../local/ports';

/** Kills a child process with SIGKILL, as a crash would, and waits until it is gone. */
export async function killHard(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Puts process.env back as it is now once the file's tests are over (after its other afterAll hooks,
 * which run first): files that start local clouds of their own point the environment at them.
 */
export function restoreEnvironmentAfterAll(): void {
  const saved = { ...process.env };
  afterAll(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
}
