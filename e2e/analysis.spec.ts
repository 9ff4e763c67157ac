import { expect } from '@playwright/test';
import { ANALYSIS_WAIT_MS, screenshotPath, signInAs, signUp, test, upload } from './helpers';

test('a portrait gets face boxes, a score, advice and a downloadable crop', async ({ page }) => {
  await signUp(page);
  await upload(page, 'faces/astronaut.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });

  await card.getByRole('button', { name: 'LinkedIn check' }).click();
  await expect(page).toHaveURL(/\/analysis$/);
  await expect(page.getByTestId('face-count')).toHaveText('One face found.', { timeout: ANALYSIS_WAIT_MS });
  await expect(page.getByTestId('face-box')).toHaveCount(1);
  await expect(page.getByRole('img', { name: /Score \d+ out of 100/ })).toBeVisible();
  const score = Number((await page.getByRole('img', { name: /Score/ }).getAttribute('aria-label'))!.match(/\d+/)![0]);
  expect(score).toBeGreaterThanOrEqual(70);
  await expect(page.getByTestId('check').filter({ hasText: /face/i }).first()).toBeVisible();
  await expect(page.locator('[data-check="one-face"]')).toHaveAttribute('data-status', 'pass');

  const crop = page.getByTestId('crop-preview');
  await expect(crop).toBeVisible();
  await expect.poll(() => crop.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(400);
  const download = page.getByRole('link', { name: /Download 400×400/ });
  expect((await page.request.get((await download.getAttribute('href'))!)).status()).toBe(200);
  await page.screenshot({ path: screenshotPath('analysis.png'), fullPage: true });
});

test('a group photo says there is more than one person, and a photo without faces says so', async ({ page, sharedAccount }) => {
  await signInAs(page, sharedAccount);
  await upload(page, 'faces/group-sample1.jpg', 'nofaces/chelsea.png');
  for (const name of ['group-sample1.jpg', 'chelsea.png']) {
    await expect(page.getByTestId('image-card').filter({ hasText: name })).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  }

  await page.getByTestId('image-card').filter({ hasText: 'group-sample1.jpg' }).getByRole('button', { name: 'LinkedIn check' }).click();
  await expect(page.getByTestId('face-count')).toContainText('faces found', { timeout: ANALYSIS_WAIT_MS });
  await expect(page.locator('[data-check="one-face"]')).toHaveAttribute('data-status', 'fail');
  await expect(page.locator('[data-check="one-face"]')).toContainText(/more than one person/i);

  await page.goto('/dashboard');
  await page.getByTestId('image-card').filter({ hasText: 'chelsea.png' }).getByRole('button', { name: 'LinkedIn check' }).click();
  await expect(page.getByTestId('face-count')).toContainText('No face found', { timeout: ANALYSIS_WAIT_MS });
  await expect(page.getByTestId('face-box')).toHaveCount(0);
});
