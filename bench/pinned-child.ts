import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { Figure } from './figure';

/**
 * Runs a bench file again as a child on one core, the way a Lambda function at 1,769 MB has one vCPU:
 * pinned to CPU 0 with `taskset` where there is one (elsewhere unpinned, which the bench's cores
 * figure then shows), and returns the figures the child prints as JSON. The child knows it is the
 * child by `flag` on its command line.
 */
export async function runPinned(file: string, flag: string): Promise<Figure[]> {
  const node = [process.execPath, '--import', 'tsx', file, flag];
  const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
  const [program, ...args] = hasTaskset ? ['taskset', '-c', '0', ...node] : node;
  const { stdout } = await promisify(execFile)(program!, args, { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as Figure[];
}
