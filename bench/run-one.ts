import path from 'node:path';
import type { Bench } from './figure';

/*
 * Runs one benchmark file and prints its figures as JSON on the last line of stdout. bench/run.ts
 * starts one process per file, so that no file inherits another's clients, caches or heap.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/run-one.ts <file.bench.ts>');
const { run } = (await import(path.resolve(import.meta.dirname, file))) as { run: Bench };
const figures = await run();
process.stdout.write(`\n${JSON.stringify(figures)}\n`);
