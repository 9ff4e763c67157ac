import { spawn, type ChildProcess } from 'node:child_process';

/** Starts a child that shares this terminal, with extra environment. */
export function startChild(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
}

/** Stops children and the cloud once, on Ctrl-C, on SIGTERM, or when a child dies. */
export function stopTogether(children: ChildProcess[], stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)));
    await stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  for (const child of children) child.once('exit', (code) => void shutdown(code ?? 1));
}
