import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { findAction, readServerActions } from '../tests/support/server-actions';
import { connectE2eCloud } from './cloud';
import { ANALYSIS_WAIT_MS, signInAs, test, uploadAs } from './helpers';

/*
 * Status changes reach the page as they happen, over the live connection (the local broker standing
 * in for AWS IoT), with no reload and no polling: polling runs only while the connection is down.
 */

const liveConnectionActionId = async () => findAction(await readServerActions(path.resolve(import.meta.dirname, '..')), 'app/actions/live-connection.ts', 'liveConnectionAction').id;

/**
 * Gives the page's first live connection a token that lasts 3 s instead of 10 minutes: the token the
 * server answered with is swapped for one issued here for the same user and session, with the same
 * key. The broker ends that connection when the token runs out, as IoT does; the page's next token is
 * the server's own. Returns how many tokens the page has asked for.
 */
async function shortenFirstLiveToken(page: Page): Promise<{ asked: number }> {
  connectE2eCloud();
  process.env.LIVE_TOKEN_TTL_SECONDS = '3';
  const { issueLiveToken } = await import('../lib/realtime/live-token');
  const id = await liveConnectionActionId();
  const tokens = { asked: 0 };
  await page.route('**/*', async (route) => {
    if (route.request().headers()['next-action'] !== id || tokens.asked++ > 0) return route.fallback();
    const response = await route.fetch();
    const body = await response.text();
    const token = /"token":"([^"]+)"/.exec(body)![1]!;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string; sid?: string };
    const short = await issueLiveToken({ userId: claims.sub, sessionId: claims.sid ?? null });
    await route.fulfill({ response, body: body.replace(token, short.token) });
  });
  return tokens;
}

test('a photo becomes ready on the dashboard without a reload, pushed over the live connection, which the page renews in place when its token runs out', async ({ page, sharedAccount }) => {
  const tokens = await shortenFirstLiveToken(page);
  await signInAs(page, sharedAccount);
  await expect(page.locator('[data-live="connected"]')).toBeAttached();
  // A reload would drop this marker.
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  // The connection ends with its token; the page asks for a fresh one and connects again, without reloading.
  await expect.poll(() => tokens.asked, { timeout: 10_000 }).toBe(2);
  await expect(page.locator('[data-live="connected"]')).toBeAttached();

  await uploadAs(page, 'faces/astronaut.png', 'pushed-live.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'pushed-live.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  // Connected all along, so the page never polled (AutoRefresh polls only while the connection is down).
  await expect(page.locator('[data-live="connected"]')).toBeAttached();
});

test('a LinkedIn check that ends while its page is on the way still shows: its event came before the page could hear it, so the page reads once more on arrival', async ({ page, sharedAccount }) => {
  await signInAs(page, sharedAccount);
  await expect(page.locator('[data-live="connected"]')).toBeAttached();
  await uploadAs(page, 'faces/astronaut.png', 'checked-in-transit.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'checked-in-transit.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  const analysisPath = `${await card.getByRole('link').first().getAttribute('href')}/analysis`;

  // The action's answer (the check's page, rendered while the check is queued) is held until the check
  // has ended and its live event has gone out, as on a slow network.
  const id = findAction(await readServerActions(path.resolve(import.meta.dirname, '..')), 'app/actions/request-analysis.ts', 'requestAnalysisAction').id;
  await page.route('**/*', async (route) => {
    if (route.request().headers()['next-action'] !== id) return route.fallback();
    const response = await route.fetch();
    const ended = async () => (await (await page.context().request.get(analysisPath)).text()).includes('data-testid="face-count"');
    await expect.poll(ended, { timeout: ANALYSIS_WAIT_MS, intervals: [250] }).toBe(true);
    await route.fulfill({ response });
  });
  await card.getByRole('button', { name: 'LinkedIn check' }).click();
  await expect(page).toHaveURL(new RegExp(`${analysisPath}$`));
  // Connected, so no fallback poll would have shown it.
  await expect(page.getByTestId('face-count')).toBeVisible({ timeout: 5_000 });
  await expect(page.locator('[data-live="connected"]')).toBeAttached();
});

test('without a live connection the page falls back to polling, and reconnects when it can', async ({ page, sharedAccount }) => {
  // The MQTT socket lives in a worker, which Playwright cannot route; the page asks for the connection's
  // token first, so refusing that request keeps the connection down as a broker outage would.
  const id = await liveConnectionActionId();
  let blocked = true;
  await page.route('**/*', (route) => (blocked && route.request().headers()['next-action'] === id ? route.abort() : route.fallback()));
  await signInAs(page, sharedAccount);
  await expect(page.locator('[data-live="offline"]')).toBeAttached();
  await uploadAs(page, 'faces/astronaut.png', 'polled-offline.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'polled-offline.png' });
  // The fallback poll runs every 10 s while the connection is down.
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await expect(page.locator('[data-live="offline"]')).toBeAttached();

  // Back online: the browser says so, and the page reconnects at once rather than at its next backoff.
  blocked = false;
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(page.locator('[data-live="connected"]')).toBeAttached();
});
