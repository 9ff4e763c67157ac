/**
 * One measured number, or the version of a tool a measure depends on (the browser, Lighthouse).
 * Names are stable: `npm run bench -- --json` is read by tools.
 */
export interface Figure {
  name: string;
  value: number | string;
  unit: string;
  /** The target the issue sets, as text, e.g. "< 300". */
  goal?: string;
}

/** A benchmark module: `bench/<topic>.bench.ts` exports `run` returning its figures. */
export type Bench = () => Promise<Figure[]>;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export async function time(work: () => Promise<unknown>): Promise<Timing> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export async function wallTime(work: () => Promise<unknown>): Promise<number> {
  return (await time(work)).wallMs;
}

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 1000) / 1000;
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
