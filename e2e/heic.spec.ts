import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { FIXTURES, holdUploads, screenshotPath, signUp } from './helpers';

connectE2eCloud();

test('an iPhone photo (HEIC) uploads with a placeholder in place of a preview, and shows in the grid like any photo', async ({ page }) => {
  await signUp(page);
  const uploads = await holdUploads(page);
  // As a desktop browser hands it over: most know no type for HEIC, so only the name says what it is.
  await page.getByTestId('file-input').setInputFiles({ name: 'IMG_0001.HEIC', mimeType: '', buffer: await readFile(path.join(FIXTURES, 'formats/example.heic')) });

  const row = page.getByTestId('upload-row').filter({ hasText: 'IMG_0001.HEIC' });
  await expect(row).toHaveAttribute('data-state', 'uploading');
  // Chromium cannot draw a HEIC: the row shows a placeholder, not a broken image.
  await expect(row.getByTestId('upload-preview-placeholder')).toBeVisible();
  await expect(row.getByTestId('upload-preview-placeholder')).toContainText('HEIC');
  await expect(row.getByTestId('upload-preview')).toHaveCount(0);

  uploads.release();
  await expect(page.getByText('IMG_0001.HEIC uploaded')).toBeVisible();
  const card = page.getByTestId('image-card').filter({ hasText: 'IMG_0001.HEIC' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  const thumbnail = card.getByRole('img', { name: 'IMG_0001.HEIC' });
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  // The upload list has emptied: the grid alone, with the photo in it.
  await expect(page.getByTestId('upload-row')).toHaveCount(0);

  await page.screenshot({ path: screenshotPath('iphone-photo.png') });
});
