import path from 'node:path';
import { expect } from '@playwright/test';
import { findAction, readServerActions } from '../tests/support/server-actions';
import { signInAs, test, uploadAs } from './helpers';

/*
 * Status changes reach the page as they happen, over the live connection (the local broker standing
 * in for AWS IoT), with no reload and no polling: polling runs only while the connection is down.
 */

test('a photo becomes ready on the dashboard without a reload, pushed over the live connection', async ({ page, sharedAccount }) => {
  await signInAs(page, sharedAccount);
  await expect(page.locator('[data-live="connected"]')).toBeAttached();
  // A reload would drop this marker.
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

  await uploadAs(page, 'faces/astronaut.png', 'pushed-live.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'pushed-live.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  // Connected all along, so the page never polled (AutoRefresh polls only while the connection is down).
  await expect(page.locator('[data-live="connected"]')).toBeAttached();
});

test('without a live connection the page falls back to polling, and reconnects when it can', async ({ page, sharedAccount }) => {
  // The MQTT socket lives in a worker, which Playwright cannot route; the page asks for the connection's
  // token first, so refusing that request keeps the connection down as a broker outage would.
  const { id } = findAction(await readServerActions(path.resolve(import.meta.dirname, '..')), 'app/actions/live-connection.ts', 'liveConnectionAction');
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
