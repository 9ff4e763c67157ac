import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a command writes: JSON lines and help on stdout, for programs; problems on stderr, for people. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** One run of a command: its arguments, its environment and its output, so that a test can run it in-process. */
export interface CliRun {
  argv: string[];
  env: Record<string, string | undefined>;
  out: CliOutput;
}

/** A command: resolves to its exit status (0 answered, 1 some input failed, 2 usage error). */
export type Command = (run: CliRun) => Promise<number>;

/** Prints one JSON line. */
export function printLine(out: CliOutput, line: Record<string, unknown>): void {
  out.stdout(`${JSON.stringify(line)}\n`);
}

/**
 * Parses a command line; on a usage error prints the problem with the usage and returns null, for
 * the caller to exit with status 2 (the convention for usage errors).
 */
export function parseOrExplain<T>(parse: () => T, usage: string, out: CliOutput = processOutput): T | null {
  try {
    return parse();
  } catch (error) {
    out.stderr(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return null;
  }
}

const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * Runs the command when its module is the program node was started with (`npm run x` → `tsx scripts/x.ts`),
 * and does nothing when a test imports it to run it in-process.
 */
export async function runIfMain(moduleUrl: string, command: Command): Promise<void> {
  const started = process.argv[1];
  if (!started || pathToFileURL(path.resolve(started)).href !== moduleUrl) return;
  process.exitCode = await command({ argv: process.argv.slice(2), env: process.env, out: processOutput });
}
