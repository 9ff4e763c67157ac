import { expect } from '@playwright/test';
import { ANALYSIS_WAIT_MS, screenshotPath, signInAs, test, uploadAs } from './helpers';

test('one click makes the LinkedIn-ready photo: queued, made, pushed live, shown before and after with both scores, saved as a photo', async ({ page, sharedAccount }) => {
  await signInAs(page, sharedAccount);
  await uploadAs(page, 'portraits/jesper.jpg', 'ready-portrait.jpg');
  const card = page.getByTestId('image-card').filter({ hasText: 'ready-portrait.jpg' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await card.getByRole('button', { name: 'LinkedIn check' }).click();
  await expect(page.getByTestId('face-count')).toHaveText('One face found.', { timeout: ANALYSIS_WAIT_MS });
  // A reload would drop this marker: the result must arrive over the live connection.
  await expect(page.locator('[data-live="connected"]')).toBeAttached();
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

  const panel = page.getByTestId('ready-panel');
  await panel.getByRole('radio', { name: /Colour/ }).check();
  await panel.getByRole('button', { name: 'Make it LinkedIn-ready' }).click();
  await expect(panel).toHaveAttribute('data-state', /queued|running|ready/);
  await expect(panel).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

  const scores = panel.getByTestId('ready-scores');
  const before = Number(await scores.getAttribute('data-before'));
  const after = Number(await scores.getAttribute('data-after'));
  if (after < before) await expect(panel.getByTestId('ready-notes')).toContainText('lower');
  await expect(panel.getByTestId('ready-after')).toBeVisible();
  await expect.poll(() => panel.getByTestId('ready-preview-comment').evaluate((img: HTMLImageElement) => img.naturalWidth === img.naturalHeight && img.naturalWidth >= 400)).toBe(true);
  await panel.getByRole('button', { name: 'Your photo' }).click();
  await expect(panel.getByTestId('ready-before')).toBeVisible();
  await panel.getByRole('button', { name: 'LinkedIn-ready' }).click();
  const download = panel.getByTestId('ready-download');
  expect((await page.request.get((await download.getAttribute('href'))!)).headers()['content-type']).toBe('image/jpeg');
  await page.screenshot({ path: screenshotPath('linkedin-ready.png'), fullPage: true });

  await panel.getByRole('button', { name: 'Use as my photo' }).click();
  await panel.getByTestId('ready-saved').click();
  await expect(page.getByRole('heading', { name: 'ready-portrait-linkedin.jpg' })).toBeVisible();
});
