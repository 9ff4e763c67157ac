import { expect, test } from '@playwright/test';
import { signUp, upload } from './helpers';

test('the detail page lists every size with a download, and Delete removes the photo', async ({ page }) => {
  await signUp(page);
  await upload(page, 'bench/flower-3mp.jpg');
  const card = page.getByTestId('image-card').filter({ hasText: 'flower-3mp.jpg' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });

  await card.click();
  await expect(page.getByRole('heading', { name: 'flower-3mp.jpg' })).toBeVisible();
  await expect(page.getByText('2268 × 1512')).toBeVisible();
  const rows = page.getByTestId('variant-row');
  // 256, 640, 1280 and 2048 px, each as WebP and JPEG.
  await expect(rows).toHaveCount(8);
  await expect(rows.filter({ hasText: '2048 × 1365' }).first()).toBeVisible();
  const download = await page.getByRole('link', { name: 'Download' }).first().getAttribute('href');
  expect((await page.request.get(download!)).status()).toBe(200);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText('No photos yet')).toBeVisible();
});
