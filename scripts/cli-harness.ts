import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Command } from './cli';

/** What a command answered: its exit status, its JSON lines and what it said on stderr. */
export interface CliResult {
  code: number;
  // The tests read the lines' fields freely; each command documents its line's shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  lines: any[];
  stderr: string;
}

const root = path.resolve(import.meta.dirname, '..');

/**
 * A command run in the test's own process: the same function the script runs, with its own argv,
 * environment and output. The face model is then loaded once per test file, not once per run.
 */
export async function runCommand(command: Command, argv: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await command({
    argv,
    env: { ...process.env, FACE_ANALYZER: '', ...env },
    out: { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) },
  });
  return { code, lines: parseLines(stdout), stderr };
}

/** The script as a user starts it (`npm run x` runs `tsx scripts/x.ts`): a child process and its exit code. */
export async function runScript(script: string, argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const options = { cwd: root, env: { ...process.env, FACE_ANALYZER: '', ...env } };
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, script), ...argv], options);
    return { code: 0, lines: parseLines(stdout), stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, lines: parseLines(failure.stdout), stderr: failure.stderr };
  }
}

function parseLines(stdout: string) {
  return stdout.trim() ? stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown) : [];
}
