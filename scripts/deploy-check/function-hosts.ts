import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Invoke } from '../../local/bridge';
import { httpInvoker } from '../../local/invoke-http';

/*
 * Built Lambda bundles, each in its own process behind Lambda's Invoke API (lambda-host.mjs), the way
 * Lambda gives each function its own sandbox: under Lambda's Node, in its own folder, with the
 * environment it is given and nothing of this process's. The local cloud's bridge invokes them by name.
 */

export interface HostOptions {
  /** The node binary to run it under. */
  node: string;
  timeoutMs: number;
  /** The ARN IoT and Lambda hand the function in its context. */
  functionArn: string;
}

/**
 * What a function printed that means its bundle would fail on Lambda, in a sentence each: a package
 * it imports but does not ship, a resource it reads but is not linked to. Found in its output, since a
 * handler may catch the error and carry on (a live update that could not be published).
 */
export function deploymentProblems(output: string): string[] {
  const problems = new Set<string>();
  for (const [, name] of output.matchAll(/Cannot find (?:package|module) '([^']+)'/g)) {
    const pkg = name!.startsWith('@') ? name!.split('/').slice(0, 2).join('/') : name!.split('/')[0]!;
    if (pkg.startsWith('.') || pkg.startsWith('/')) problems.add(`its bundle cannot find ${name}, a file it does not ship`);
    else problems.add(`needs ${pkg} at run time, which its bundle does not ship (Lambda has no node_modules but the bundle's): install it (nodejs.install in its spec), ship it or bundle it`);
  }
  for (const [, resource] of output.matchAll(/\\?"(\w+)\\?" is not linked in your sst\.config\.ts/g)) {
    problems.add(`reads Resource.${resource}, which its spec does not link (links in infra/function-specs.ts)`);
  }
  return [...problems];
}

export class FunctionHosts {
  private readonly hosts = new Map<string, { invoke: Invoke; child: ChildProcess }>();
  /** Everything each function printed, across restarts. */
  private readonly outputs = new Map<string, string>();

  /** Starts (or replaces) the host of one function, in its folder, with exactly this environment. */
  async start(name: string, dir: string, env: Record<string, string>, options: HostOptions): Promise<void> {
    this.stop(name);
    const child = fork(path.join(import.meta.dirname, 'lambda-host.mjs'), [dir, '0', String(options.timeoutMs), options.functionArn], {
      // Exactly this environment (Next's types require NODE_ENV of every process's; Lambda sets none).
      env: env as NodeJS.ProcessEnv,
      execPath: options.node,
      // Not this process's loaders (tsx): a bundle runs as Lambda loads it.
      execArgv: [],
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const append = (chunk: Buffer) => this.outputs.set(name, (this.outputs.get(name) ?? '') + chunk.toString());
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => {
        const output = this.output(name);
        const problems = deploymentProblems(output);
        reject(new Error(problems.length > 0 ? problems.join('; ') : `exited (${code}) while loading its bundle:\n${output}`));
      });
      child.on('message', (message: { ready?: number }) => {
        if (message.ready) resolve(message.ready);
      });
    });
    this.hosts.set(name, { invoke: httpInvoker(`http://127.0.0.1:${port}`, { restartWaitMs: 0 }), child });
  }

  /** The bridge's way in: a function with no host yet is a failed invocation, as an unknown function is on Lambda. */
  readonly invoke: Invoke = async (name, event) => {
    const host = this.hosts.get(name);
    if (!host) throw new Error(`No built bundle is running for function ${name}`);
    return host.invoke(name, event);
  };

  output(name: string): string {
    return this.outputs.get(name) ?? '';
  }

  /** The functions that printed anything so far. */
  names(): string[] {
    return [...this.outputs.keys()];
  }

  stop(name: string): void {
    this.hosts.get(name)?.child.kill('SIGKILL');
    this.hosts.delete(name);
  }

  stopAll(): void {
    for (const name of [...this.hosts.keys()]) this.stop(name);
  }
}
