import type { ChildProcess } from 'node:child_process';

export { freePort } from '../../local/ports';

/** Kills a child process with SIGKILL, as a crash would, and waits until it is gone. */
export async function killHard(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
