import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { localCloudEnv } from '../local/env';
import { gridThumbnailsLoaded, watchMediaTraffic } from '../tests/support/media-traffic';
import { seedReadyPhotos } from '../tests/support/seed-ready-photos';
import { median, round, type Bench, type Figure } from './figure';
import { freeAppPorts, startApp, stopApp, waitForApp } from './local-app';

/**
 * A dashboard of 24 photos in Chromium, visited, then visited again, in one run: what the second
 * visit's thumbnails cost on the network (served under /media/ with a year-long immutable
 * Cache-Control, the browser should fetch none of them again), and how long each visit takes until
 * every thumbnail is shown. On the production build and the local cloud (local/serve.ts), whose
 * media stand-in checks the signed cookie as CloudFront does. Each round starts a fresh browser
 * context, so every first visit starts with an empty cache.
 */

const PHOTOS = 24;
const ROUNDS = 5;

/** Debian's headless shell when installed, else its Chromium, as the e2e suite runs (playwright.config.ts). */
const CHROMIUM = existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium';

export const run: Bench = async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-revisit-bench-'));
  const ports = await freeAppPorts();
  const authSecret = randomBytes(32).toString('base64url');
  const server = startApp(ports, dataDir, { AUTH_SECRET: authSecret });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const origin = `http://localhost:${ports.app}`;
    await waitForApp(`${origin}/sign-in`, server);
    const { userId, sessionCookie } = await seed(ports, authSecret);

    const visits = { firstMs: [] as number[], secondMs: [] as number[], firstBytes: [] as number[], secondBytes: [] as number[] };
    for (let n = 0; n < ROUNDS; n++) {
      const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 4000 } });
      await context.addCookies([{ ...sessionCookie, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      const traffic = await watchMediaTraffic(page, `/media/${userId}/`);
      const visit = async () => {
        const start = performance.now();
        await page.goto('/dashboard');
        await gridThumbnailsLoaded(page, PHOTOS);
        return performance.now() - start;
      };
      visits.firstMs.push(await visit());
      const first = traffic.requests(1);
      if (first.filter((request) => !request.fromCache).length !== PHOTOS) throw new Error(`the first visit fetched ${first.length} thumbnails, not ${PHOTOS}`);
      visits.firstBytes.push(first.reduce((sum, request) => sum + request.bytes, 0));
      traffic.nextVisit();
      await page.goto('/settings');
      visits.secondMs.push(await visit());
      visits.secondBytes.push(traffic.requests(2).reduce((sum, request) => sum + request.bytes, 0));
      await traffic.stop();
      await context.close();
    }
    return [
      { name: 'dashboard_first_visit_thumbnail_bytes', value: median(visits.firstBytes), unit: 'bytes (24 photos, over the network)' },
      { name: 'dashboard_revisit_thumbnail_bytes', value: Math.max(...visits.secondBytes), unit: 'bytes (24 photos, over the network, worst of 5)', goal: '0' },
      { name: 'dashboard_first_visit_load_ms', value: round(median(visits.firstMs)), unit: 'ms (until 24 thumbnails shown)' },
      { name: 'dashboard_revisit_load_ms', value: round(median(visits.secondMs)), unit: 'ms (until 24 thumbnails shown)' },
    ] satisfies Figure[];
  } finally {
    await browser.close();
    await stopApp(server);
    await rm(dataDir, { recursive: true, force: true });
  }
};

/** A local account with a session and 24 ready photos, made through lib/ against the app's own cloud. */
async function seed(ports: { s3: number; dynamo: number }, authSecret: string): Promise<{ userId: string; sessionCookie: { name: string; value: string } }> {
  Object.assign(process.env, localCloudEnv({ s3: `http://127.0.0.1:${ports.s3}`, dynamo: `http://127.0.0.1:${ports.dynamo}` }), { AUTH_SECRET: authSecret });
  // Imported only now: the AWS clients and SST's Resource read the environment just set.
  const { signUp, startSession, SESSION_COOKIE } = await import('../lib/auth');
  const account = await signUp({ email: `revisit-${randomBytes(4).toString('hex')}@example.com`, password: 'bench passphrase' }, { address: 'bench-revisit' });
  const { token } = await startSession(account);
  await seedReadyPhotos(account.userId, PHOTOS);
  return { userId: account.userId, sessionCookie: { name: SESSION_COOKIE, value: token } };
}
