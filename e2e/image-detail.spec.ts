import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FIXTURES, signUp, upload } from './helpers';

test('the detail page lists every size with a download, downloads the original, and Delete asks, then removes the photo', async ({ page }) => {
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
  const download = await page.getByRole('link', { name: 'Download', exact: true }).first().getAttribute('href');
  expect((await page.request.get(download!)).status()).toBe(200);

  // The original, byte for byte, under the name it was uploaded with.
  const original = await page.request.get((await page.getByRole('link', { name: 'Download original' }).getAttribute('href'))!);
  expect(original.status()).toBe(200);
  expect(original.headers()['content-disposition']).toBe('attachment; filename="flower-3mp.jpg"');
  expect(Buffer.compare(await original.body(), await readFile(path.join(FIXTURES, 'bench/flower-3mp.jpg')))).toBe(0);

  // Delete asks first; Cancel keeps the photo.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this photo?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'flower-3mp.jpg' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete photo' }).click();
  // The toast comes as the page leaves and stays its 4 s; on a busy machine the dashboard can take longer than that to paint.
  await expect(page.getByText('flower-3mp.jpg deleted')).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText('No photos yet')).toBeVisible();
});
