import http from 'node:http';
import { percentile } from './figure';

const REQUEST_TIMEOUT_MS = 10_000;

export interface PacedResult {
  /** Of the 200s, from each request's scheduled send time, in ms, sorted. */
  latencies: number[];
  errors: number;
  achievedRps: number;
}

/**
 * Sends one GET every 1000/rate ms for `seconds`, whatever the answers take (open loop), and times
 * each from when it was due. Not autocannon's overallRate: that lets each connection send its whole
 * per-second quota back to back at the top of every second, which measures a burst at full speed
 * rather than an even rate.
 */
export async function paced(url: string, rate: number, seconds: number, headers: Record<string, string>): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      get(url, agent, headers).then(
        (status) => {
          if (status === 200) latencies.push(performance.now() - due);
          else errors += 1;
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { latencies, errors, achievedRps: total / elapsed };
}

/** p50, p95 and p99 of a paced run. */
export function latencyOf({ latencies }: Pick<PacedResult, 'latencies'>) {
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

function get(url: string, agent: http.Agent, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}
