import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Invoke } from '../../local/bridge';
import { httpInvoker } from '../../local/invoke-http';

/*
 * Built Lambda bundles, each in its own plain-node process behind Lambda's Invoke API (lambda-host.mjs),
 * the way Lambda gives each function its own sandbox. The local cloud's bridge invokes them by name.
 */

export interface FunctionHost {
  name: string;
  output(): string;
  stop(): void;
}

export class FunctionHosts {
  private readonly hosts = new Map<string, { invoke: Invoke; child: ChildProcess; output: () => string }>();

  /** Starts (or replaces) the host of one function. */
  async start(name: string, dir: string, env: Record<string, string>): Promise<void> {
    this.stop(name);
    const child = fork(path.join(import.meta.dirname, 'lambda-host.mjs'), [dir, '0'], {
      env: { ...process.env, ...env, AWS_LAMBDA_FUNCTION_NAME: name },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`function ${name} exited (${code}) while loading its bundle:\n${output}`)));
      child.on('message', (message: { ready?: number }) => {
        if (message.ready) resolve(message.ready);
      });
    });
    this.hosts.set(name, { invoke: httpInvoker(`http://127.0.0.1:${port}`, { restartWaitMs: 0 }), child, output: () => output });
  }

  /** The bridge's way in: a function with no host yet is a failed invocation, as an unknown function is on Lambda. */
  readonly invoke: Invoke = async (name, event) => {
    const host = this.hosts.get(name);
    if (!host) throw new Error(`No built bundle is running for function ${name}`);
    return host.invoke(name, event);
  };

  output(name: string): string {
    return this.hosts.get(name)?.output() ?? '';
  }

  stop(name: string): void {
    this.hosts.get(name)?.child.kill('SIGKILL');
    this.hosts.delete(name);
  }

  stopAll(): void {
    for (const name of [...this.hosts.keys()]) this.stop(name);
  }
}
