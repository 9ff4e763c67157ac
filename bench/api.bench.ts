import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { localCloudEnv } from '../local/env';
import { BENCH_BUILD_DIR } from './ensure-build';
import { median, round, type Bench, type Figure } from './figure';
import { freeAppPorts, startApp, stopApp, waitForApp } from './local-app';
import { latencyOf, paced, type PacedResult } from './paced';
import { readyPhoto } from './ready-photo';

/**
 * GET /api/v1/images/{id} at 50 req/s, open loop (bench/paced.ts), against the production build on
 * a local cloud of its own (local/serve.ts on free ports), with a personal token.
 *
 * The baseline, in the same run and the same build: the same handler without the token
 * (app/bench/api-baseline): the same image read, the same signed URLs for every size, the same
 * schema check and JSON. What the API adds over it is the bearer token's check (the token's
 * consistent read, the closed-account read, the hash) and its rate-limit counter. The two alternate
 * in ROUNDS short runs, so neither has the quieter half of the machine's time.
 */

const root = path.resolve(import.meta.dirname, '..');
const RATE = 50;
const ROUNDS = 3;
const ROUND_SECONDS = 5;
const WARMUP_SECONDS = 2;
const SERIAL_REQUESTS = 50;

type Target = { url: string; headers: Record<string, string> };

export const run: Bench = async () => {
  await assertBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-api-bench-'));
  const ports = await freeAppPorts();
  const server = startApp(ports, dataDir);
  try {
    const origin = `http://localhost:${ports.app}`;
    await waitForApp(`${origin}/sign-in`, server);
    const { imageId, newToken } = await seed(ports);
    // A token per phase: each stays well inside its per-minute budget (lib/api/rate-limit.ts), so what is measured is the answer, counter included, never a 429.
    const api = async () => ({ url: `${origin}/api/v1/images/${imageId}`, headers: { authorization: `Bearer ${await newToken()}`, accept: 'application/json' } });
    const baseline = { url: `${origin}/bench/api-baseline/${imageId}`, headers: { accept: 'application/json' } };
    await expectSameImage(await api(), baseline, imageId);

    for (const target of [await api(), baseline]) await paced(target.url, RATE, WARMUP_SECONDS, target.headers);
    // One request at a time first: the cost of one answer, apart from any queue the rate builds.
    const serial = { api: await oneAtATime(await api()), baseline: await oneAtATime(baseline) };
    const runs = { api: [] as PacedResult[], baseline: [] as PacedResult[] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.baseline.push(await paced(baseline.url, RATE, ROUND_SECONDS, baseline.headers));
      const target = await api();
      runs.api.push(await paced(target.url, RATE, ROUND_SECONDS, target.headers));
    }
    const apiAll = merged(runs.api);
    const baselineAll = merged(runs.baseline);
    const apiLatency = latencyOf(apiAll);
    const baselineLatency = latencyOf(baselineAll);
    return [
      { name: 'api_image_get_p50_ms', value: round(apiLatency.p50), unit: 'ms' },
      { name: 'api_image_get_p95_ms', value: round(apiLatency.p95), unit: 'ms', goal: '< 25' },
      { name: 'api_image_get_p99_ms', value: round(apiLatency.p99), unit: 'ms' },
      { name: 'api_image_get_errors', value: apiAll.errors, unit: 'requests', goal: '0' },
      { name: 'api_image_get_achieved_rps', value: Math.round(apiAll.achievedRps), unit: 'req/s' },
      { name: 'api_image_get_baseline_p50_ms', value: round(baselineLatency.p50), unit: 'ms' },
      { name: 'api_image_get_baseline_p95_ms', value: round(baselineLatency.p95), unit: 'ms' },
      { name: 'api_image_get_baseline_errors', value: baselineAll.errors, unit: 'requests' },
      { name: 'api_image_get_serial_p50_ms', value: round(serial.api), unit: 'ms' },
      { name: 'api_image_get_baseline_serial_p50_ms', value: round(serial.baseline), unit: 'ms' },
      { name: 'api_image_get_token_p95_overhead_ms', value: round(apiLatency.p95 - baselineLatency.p95), unit: 'ms' },
    ] satisfies Figure[];
  } finally {
    await stopApp(server);
    await rm(dataDir, { recursive: true, force: true });
  }
};

/** The median of SERIAL_REQUESTS requests sent one after the other. */
async function oneAtATime({ url, headers }: Target): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < SERIAL_REQUESTS; i++) {
    const start = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - start);
  }
  return median(times);
}

function merged(results: PacedResult[]): PacedResult {
  return {
    latencies: results.flatMap((result) => result.latencies).sort((a, b) => a - b),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    achievedRps: Math.min(...results.map((result) => result.achievedRps)),
  };
}

/** The bench account's ready photo, and read-only tokens for it, made through lib/ against the server's emulators. */
async function seed(ports: { s3: number; dynamo: number }): Promise<{ imageId: string; newToken: () => Promise<string> }> {
  Object.assign(process.env, localCloudEnv({ s3: `http://127.0.0.1:${ports.s3}`, dynamo: `http://127.0.0.1:${ports.dynamo}` }));
  // Imported only now: the AWS clients and SST's Resource read the environment just set.
  const { createApiToken } = await import('../lib/api-tokens');
  const { BENCH_API_USER_ID } = await import('../app/bench/api-baseline/bench-user');
  const imageId = await readyPhoto(BENCH_API_USER_ID, 'portraits/jesper-closeup.jpg', 'image/jpeg');
  const newToken = async () => (await createApiToken(BENCH_API_USER_ID, { name: 'bench', scopes: ['images:read'], expiresInDays: 7 })).token;
  return { imageId, newToken };
}

/** Both answer 200 with the same image and the same sizes: the baseline measures the same work, less the token. */
async function expectSameImage(api: Target, baseline: Target, imageId: string): Promise<void> {
  const answers = await Promise.all(
    [api, baseline].map(async ({ url, headers }) => {
      const response = await fetch(url, { headers });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      const image = (await response.json()) as { id: string; status: string; sizes: { name: string; format: string }[] };
      return JSON.stringify({ id: image.id, status: image.status, sizes: image.sizes.map(({ name, format }) => `${name}.${format}`) });
    }),
  );
  if (new Set(answers).size !== 1 || !answers[0]!.includes(`"id":"${imageId}"`)) throw new Error(`The API and its baseline answer differently: ${answers.join(' vs ')}`);
}

async function assertBuilt(): Promise<void> {
  const manifest = await readFile(path.join(root, BENCH_BUILD_DIR, 'app-path-routes-manifest.json'), 'utf8').catch(() => null);
  if (!manifest || !manifest.includes('/api/v1/images/[id]/route') || !manifest.includes('/bench/api-baseline/[id]/route')) {
    throw new Error('The API bench runs against the benchmarks’ production build of the current sources: `npm run bench` makes one.');
  }
}
