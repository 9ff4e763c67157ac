import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Figure } from './figure';

const here = import.meta.dirname;
const json = process.argv.includes('--json');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

const files = (await readdir(here))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => !only || file.startsWith(only))
  .sort();

const figures: Figure[] = [];
for (const file of files) {
  if (!json) process.stderr.write(`running ${file}…\n`);
  const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), [path.join(here, 'run-one.ts'), file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  figures.push(...(JSON.parse(stdout.trim().split('\n').pop()!) as Figure[]));
}

if (json) {
  process.stdout.write(`${JSON.stringify(Object.fromEntries(figures.map((f) => [f.name, f.value])))}\n`);
} else {
  const rows = figures.map((f) => [f.name, formatValue(f.value), f.unit, f.goal ?? '']);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['figure', 'value', 'unit', 'goal'], ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  console.log(line(['figure', 'value', 'unit', 'goal']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
}
