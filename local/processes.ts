import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Starts a package binary with extra environment, in this process group: Ctrl-C in the terminal,
 * or a supervisor killing the group (as Playwright does), reaches it and its own children too.
 */
export function startChild(bin: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(path.resolve('node_modules/.bin', bin), args, { stdio: 'inherit', env: { ...process.env, ...env } });
}

/** Runs a package binary to completion (a migration before the app starts); rejects when it fails. */
export async function runToCompletion(bin: string, args: string[], env: Record<string, string>): Promise<void> {
  const child = startChild(bin, args, env);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${bin} ${args.join(' ')} exited with ${code}`);
}

/** Stops children and the cloud once, on Ctrl-C, on SIGTERM, or when a child dies. */
export function stopTogether(children: ChildProcess[], stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const exited = children.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null));
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(exited);
    await stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  for (const child of children) child.once('exit', (code) => void shutdown(code ?? 1));
}
