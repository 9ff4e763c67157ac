import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureBuild } from './ensure-build';
import type { Figure } from './figure';

const here = import.meta.dirname;
const json = process.argv.includes('--json');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
/** Where to write the same run's figures as a Markdown table with their goals (the README's), beside the JSON. */
const markdownFile = process.argv.find((arg) => arg.startsWith('--markdown='))?.slice('--markdown='.length);

const files = (await readdir(here))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => !only || file.startsWith(only))
  .sort();

/** A bench that could not run: its figures are missing, and `<bench>_error` in the JSON says why. */
const failures: { bench: string; error: string }[] = [];
const root = path.resolve(here, '..');
/** Benches that serve pages from a production build of the current sources. */
const NEEDS_BUILD = new Set(['api.bench.ts', 'dashboard-revisit.bench.ts', 'lighthouse.bench.ts', 'share.bench.ts']);
let building: Promise<void> | undefined;

const figures: Figure[] = [];
for (const file of files) {
  const bench = file.replace(/\.bench\.ts$/, '');
  if (!json) process.stderr.write(`running ${file}…\n`);
  try {
    if (NEEDS_BUILD.has(file)) await (building ??= ensureBuild(root));
    const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), [path.join(here, 'run-one.ts'), file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    figures.push(...(JSON.parse(stdout.trim().split('\n').pop()!) as Figure[]));
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    // The bench's own last words, not the child process's command line.
    const reason = stderr?.trim().split('\n').filter((line) => /Error|error:/.test(line)).pop() ?? message.split('\n')[0]!;
    failures.push({ bench, error: reason.slice(0, 500) });
    process.stderr.write(`bench ${bench} could not run: ${reason}\n`);
  }
}

if (json) {
  const errors = Object.fromEntries(failures.map(({ bench, error }) => [`${bench}_error`, error]));
  process.stdout.write(`${JSON.stringify({ ...Object.fromEntries(figures.map((f) => [f.name, f.value])), ...errors })}\n`);
} else {
  const rows = figures.map((f) => [f.name, formatValue(f.value), f.unit, f.goal ?? '']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['figure', 'value', 'unit', 'goal'], ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  console.log(line(['figure', 'value', 'unit', 'goal']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const { bench, error } of failures) console.log(`${bench}: could not run: ${error}`);
}
if (markdownFile) {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const table = ['| figure | measured | goal |', '|---|---|---|', ...figures.map((f) => `| \`${f.name}\` | ${cell(`${formatValue(f.value)} ${f.unit}`.trim())} | ${cell(f.goal ?? '')} |`)];
  for (const { bench, error } of failures) table.push(`| \`${bench}_error\` | ${cell(error)} | |`);
  await writeFile(markdownFile, `${table.join('\n')}\n`);
}
process.exitCode = failures.length > 0 ? 1 : 0;

function formatValue(value: number | string): string {
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
}
