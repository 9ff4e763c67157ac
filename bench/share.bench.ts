import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localCloudEnv } from '../local/env';
import { BENCH_BUILD_DIR } from './ensure-build';
import type { Bench, Figure } from './figure';
import { latencyOf, paced } from './paced';
import { readyPhoto } from './ready-photo';
import { freeAppPorts, startApp, stopApp, waitForApp } from './local-app';

/**
 * The public share page (/s/{code}) against a baseline page of the same build that does one
 * DocumentClient GetItem and renders a few lines, both served by `next start` on the local cloud
 * (local/serve.ts, started here on free ports with a throwaway data folder). bench/run.ts builds first when the build is missing or stale.
 *
 * - Maximum throughput: autocannon, closed loop, CONNECTIONS connections, the two pages alternated.
 * - Latency at 200 req/s: an open-loop schedule, one request every 5 ms, latency measured from the
 *   scheduled send time (bench/paced.ts).
 *
 * - An album of ALBUM_PHOTOS photos (/s/{code} of an album link, docs/sharing.md#albums) at 100 req/s,
 *   open loop as above, followed at once by the baseline again at the same rate, so the two p95s are
 *   from the same minute of the same machine.
 *
 * Requests carry a desktop browser's user agent, so every share-page request also counts a view
 * and a per-IP rate-limit hit (both in after()): the bench pays the page's full cost. The per-IP
 * limit is raised for the run (LINK_RESOLVE_LIMIT_PER_MINUTE), since all load comes from one address.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const CONNECTIONS = 10;
const WARMUP_SECONDS = 3;
const MAX_ROUND_SECONDS = 6;
const MAX_ROUNDS = 2;
const PACED_RATE = 200;
/** The rate of the reference figure for a one-GetItem page (p95 18 ms at 100 req/s). */
const LOW_PACED_RATE = 100;
const PACED_SECONDS = 8;
/** The album of the figure (#29): a shoot's selects. */
const ALBUM_PHOTOS = 24;
/** Uploads processed at once while seeding the album: the local cloud's runner works through them. */
const SEED_CONCURRENCY = 6;
const REQUEST_TIMEOUT_MS = 10_000;

interface AutocannonResult {
  requests: { total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
const autocannon = require('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  timeout: number;
}) => Promise<AutocannonResult>;

export const run: Bench = async () => {
  await assertBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-share-bench-'));
  const ports = await freeAppPorts();
  const server = startApp(ports, dataDir);
  try {
    const origin = `http://localhost:${ports.app}`;
    await waitForApp(`${origin}/sign-in`, server);
    const { code, albumCode } = await seed(ports);
    const share = `${origin}/s/${code}`;
    const album = `${origin}/s/${albumCode}`;
    const baseline = `${origin}/bench/baseline`;
    await expectStatus(share, 200, /og:image/);
    await expectStatus(baseline, 200, /Baseline/);
    await expectStatus(album, 200, new RegExp(`${ALBUM_PHOTOS} photos shared with you`));

    for (const url of [share, baseline, album]) await load(url, WARMUP_SECONDS);
    const maxRps = { share: [] as number[], baseline: [] as number[] };
    const maxErrors = { share: 0, baseline: 0 };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      for (const [name, url] of [['baseline', baseline], ['share', share]] as const) {
        const result = await load(url, MAX_ROUND_SECONDS);
        maxRps[name].push(result.requests.total / result.duration);
        maxErrors[name] += result.errors + result.timeouts + result.non2xx;
      }
    }
    const sharePaced = await pacedSummary(share, PACED_RATE, PACED_SECONDS);
    const baselinePaced = await pacedSummary(baseline, PACED_RATE, PACED_SECONDS);
    const shareLow = await pacedSummary(share, LOW_PACED_RATE, PACED_SECONDS);
    const baselineLow = await pacedSummary(baseline, LOW_PACED_RATE, PACED_SECONDS);
    const albumLow = await pacedSummary(album, LOW_PACED_RATE, PACED_SECONDS);
    const albumBaselineLow = await pacedSummary(baseline, LOW_PACED_RATE, PACED_SECONDS);

    const shareMax = mean(maxRps.share);
    const baselineMax = mean(maxRps.baseline);
    return [
      { name: 'share_max_rps', value: Math.round(shareMax), unit: 'req/s' },
      { name: 'share_max_errors', value: maxErrors.share, unit: 'requests', goal: '0' },
      { name: 'baseline_max_rps', value: Math.round(baselineMax), unit: 'req/s' },
      { name: 'share_vs_baseline_ratio', value: round(shareMax / baselineMax, 3), unit: 'x', goal: '≥ 0.9' },
      { name: 'share_p50_ms_at_200', value: round(sharePaced.p50, 1), unit: 'ms' },
      { name: 'share_p95_ms_at_200', value: round(sharePaced.p95, 1), unit: 'ms', goal: '< 25' },
      { name: 'share_p99_ms_at_200', value: round(sharePaced.p99, 1), unit: 'ms' },
      { name: 'share_errors_at_200', value: sharePaced.errors, unit: 'requests', goal: '0' },
      { name: 'share_achieved_rps_at_200', value: Math.round(sharePaced.achievedRps), unit: 'req/s' },
      { name: 'baseline_p50_ms_at_200', value: round(baselinePaced.p50, 1), unit: 'ms' },
      { name: 'baseline_p95_ms_at_200', value: round(baselinePaced.p95, 1), unit: 'ms' },
      { name: 'baseline_errors_at_200', value: baselinePaced.errors, unit: 'requests' },
      { name: 'share_p95_ms_at_100', value: round(shareLow.p95, 1), unit: 'ms' },
      { name: 'share_errors_at_100', value: shareLow.errors, unit: 'requests' },
      { name: 'baseline_p95_ms_at_100', value: round(baselineLow.p95, 1), unit: 'ms' },
      { name: 'album_page_p95_ms_at_100', value: round(albumLow.p95, 1), unit: 'ms' },
      { name: 'album_page_errors_at_100', value: albumLow.errors, unit: 'requests', goal: '0' },
      { name: 'album_baseline_p95_ms_at_100', value: round(albumBaselineLow.p95, 1), unit: 'ms' },
    ] satisfies Figure[];
  } finally {
    await stopApp(server);
    await rm(dataDir, { recursive: true, force: true });
  }
};

function load(url: string, seconds: number): Promise<AutocannonResult> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { 'user-agent': BROWSER_UA }, timeout: REQUEST_TIMEOUT_MS / 1000 });
}

/** The share bench's paced runs, with their percentiles. */
async function pacedSummary(url: string, rate: number, seconds: number) {
  const result = await paced(url, rate, seconds, { 'user-agent': BROWSER_UA });
  return { ...result, ...latencyOf(result) };
}

/** A user, processed photos, a never-expiring link to one and an album of ALBUM_PHOTOS, made through lib/ against the server's emulators. */
async function seed(ports: { s3: number; dynamo: number }): Promise<{ code: string; albumCode: string }> {
  Object.assign(process.env, localCloudEnv({ s3: `http://127.0.0.1:${ports.s3}`, dynamo: `http://127.0.0.1:${ports.dynamo}` }));
  // Imported only now: the AWS clients and SST's Resource read the environment just set.
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const { documentClient } = await import('../lib/aws/clients');
  const { resources } = await import('../lib/aws/resources');
  const { createLink } = await import('../lib/links');
  const { BASELINE_ITEM_KEY } = await import('../app/bench/baseline/baseline-item');

  const userId = `usr_bench${randomBytes(4).toString('hex')}`;
  const imageId = await readyPhoto(userId, 'faces/astronaut.png', 'image/png');
  const link = await createLink(userId, { imageId, expiry: 'never', allowDownload: true });
  const albumIds = [imageId];
  while (albumIds.length < ALBUM_PHOTOS) {
    const batch = Math.min(SEED_CONCURRENCY, ALBUM_PHOTOS - albumIds.length);
    albumIds.push(...(await Promise.all(Array.from({ length: batch }, () => readyPhoto(userId, 'portraits/patterned-tie.jpg', 'image/jpeg')))));
  }
  const album = await createLink(userId, { imageIds: albumIds, expiry: 'never', allowDownload: true });
  await photosSettled(userId, albumIds);
  await documentClient().send(
    new PutCommand({ TableName: resources.tableName, Item: { ...BASELINE_ITEM_KEY, title: 'One item, read by the baseline page', createdAt: Date.now() } }),
  );
  return { code: link.code, albumCode: album.code };
}

/**
 * Waits until the photos' face indexing (which goes on after a photo is ready) has ended, so that the
 * background work of seeding ALBUM_PHOTOS photos does not share the CPU with the measurements.
 */
async function photosSettled(userId: string, imageIds: readonly string[]): Promise<void> {
  const { findImage } = await import('../lib/db');
  const deadline = Date.now() + 120_000;
  for (const imageId of imageIds) {
    for (;;) {
      const status = (await findImage(userId, imageId))?.faceIndex?.status;
      if (status !== 'queued' && status !== 'running') break;
      if (Date.now() > deadline) throw new Error('The bench photos were still being indexed after two minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function assertBuilt(): Promise<void> {
  const manifest = await readFile(path.join(root, BENCH_BUILD_DIR, 'app-path-routes-manifest.json'), 'utf8').catch(() => null);
  if (!manifest || !manifest.includes('/s/[code]/route') || !manifest.includes('/bench/baseline/page')) {
    throw new Error('The share bench runs against the benchmarks’ production build of the current sources: `npm run bench` makes one.');
  }
}

async function expectStatus(url: string, status: number, body: RegExp): Promise<void> {
  const response = await fetch(url, { headers: { 'user-agent': BROWSER_UA } });
  const text = await response.text();
  if (response.status !== status || !body.test(text)) throw new Error(`${url} answered ${response.status}, not the page expected`);
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
