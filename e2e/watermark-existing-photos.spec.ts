import { expect, test } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { screenshotPath, signUp, upload } from './helpers';

connectE2eCloud();

test('after the watermark changes, Settings offers to apply it to the photos already there; it runs live, and the photo then shares watermarked', async ({ page }) => {
  await signUp(page);
  await upload(page, 'nofaces/coffee.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'coffee.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });

  await page.getByRole('link', { name: 'Settings' }).click();
  const existing = page.getByTestId('watermark-existing');
  const offer = existing.getByRole('button', { name: 'Apply to my existing photos' });
  // No watermark yet, so nothing to apply.
  await expect(existing).toHaveAttribute('data-state', 'none');
  await expect(offer).toHaveCount(0);

  await page.getByLabel('Watermark shared photos').check();
  await page.getByLabel('Text').fill('© E2E');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(existing).toContainText('do not have them yet');
  // Progress and the end arrive over the live connection, without a reload.
  await expect(page.locator('[data-live="connected"]')).toBeAttached();
  await existing.screenshot({ path: screenshotPath('watermark-existing-photos.png') });
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  await offer.click();
  await expect(existing).toHaveAttribute('data-state', /queued|running|done/);
  await expect(existing).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(existing).toContainText('Your existing photos have this watermark');
  await expect(offer).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

  // The photo now offers its watermarked copy first, and the share form says so.
  await page.getByRole('link', { name: 'Photos' }).first().click();
  await card.click();
  const panel = page.getByRole('region', { name: 'Share' });
  const copy = panel.getByTestId('share-copy');
  await expect(copy).toHaveAttribute('data-copy', 'watermarked');
  await expect(copy).toHaveText('A link made now shows this photo with your watermark.');
  await panel.getByRole('button', { name: 'Create link' }).click();
  const url = new URL((await panel.getByTestId('share-link').textContent())!);
  expect(url.origin).toBe(new URL(page.url()).origin);
  expect((await page.request.get(`${url}/photo.jpg`)).status()).toBe(200);
  await page.goto('/links');
  await expect(page.getByTestId('link-row').filter({ hasText: url.pathname })).toContainText('watermarked');
});

test('while the watermark is still on its way to a photo, the share form says a link made now shows it clean', async ({ page }) => {
  const email = await signUp(page);
  await upload(page, 'nofaces/coffee.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'coffee.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await card.click();
  const panel = page.getByRole('region', { name: 'Share' });
  const copy = panel.getByTestId('share-copy');
  await expect(copy).toHaveAttribute('data-copy', 'clean');
  await expect(copy).toHaveAttribute('data-waiting', 'false');

  // A pass that has not reached the photo yet, held still (a real one is over in a second).
  const { findSettings, findUserByEmail, listImagesByOwner, saveRerenderProgress, saveWatermark, setWatermarkRerenderStatus, startWatermarkRerender } = await import('../lib/db');
  const { userId } = (await findUserByEmail(email))!;
  const [photo] = (await listImagesByOwner(userId, { limit: 1 })).items;
  await saveWatermark(userId, { enabled: true, text: '© E2E', position: 'bottom-right', opacity: 0.8 });
  const settings = (await findSettings(userId))!;
  const pass = { userId, requestedAt: Date.now(), settingsSavedAt: settings.updatedAt! };
  expect(await startWatermarkRerender(userId, { requestedAt: pass.requestedAt, watermark: settings.watermark, settingsSavedAt: pass.settingsSavedAt, photosTotal: 2 })).toBe(true);
  expect(await setWatermarkRerenderStatus(userId, { status: 'running' })).toBe(true);

  await page.reload();
  await expect(copy).toHaveAttribute('data-waiting', 'true');
  await expect(copy).toHaveAttribute('data-copy', 'clean');
  await expect(copy).toContainText('(0 of 2 photos so far) and has not reached this one yet: a link made now shows it without a watermark');

  // Once the pass has gone past it, the warning goes.
  expect(await saveRerenderProgress(pass, { photosDone: 1, doneThrough: photo!.createdAt, boundaryIds: [photo!.imageId], pending: [] })).toBe(true);
  await page.reload();
  await expect(copy).toHaveAttribute('data-waiting', 'false');
});
