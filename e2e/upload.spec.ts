import { expect, test } from '@playwright/test';
import { screenshotPath, signUp, signUpThroughForm, upload } from './helpers';

test('a new user signs up, uploads a photo and sees it become ready without reloading', async ({ page }) => {
  await signUpThroughForm(page);
  await expect(page.getByText('No photos yet')).toBeVisible();

  await upload(page, 'faces/astronaut.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  const thumbnail = card.getByRole('img', { name: 'astronaut.png' });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);

  await page.screenshot({ path: screenshotPath('dashboard.png') });
});

test('a file that is not an image ends failed with its reason on the dashboard', async ({ page }) => {
  await signUp(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text, not pixels\n'.repeat(10)) });
  const card = page.getByTestId('image-card').filter({ hasText: 'notes.png' });
  await expect(card).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(card.getByTestId('failure-reason')).toContainText("isn't an image");
});

test('private pages send anonymous visitors to sign in', async ({ page }) => {
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard$/);
});
