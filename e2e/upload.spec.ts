import { expect, test } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { dropFiles, holdUploads, pasteFiles, screenshotPath, signUp, signUpThroughForm, slowUploads, upload } from './helpers';

connectE2eCloud();

test('a new user signs up, uploads a photo and sees it become ready without reloading', async ({ page }) => {
  await signUpThroughForm(page);
  await expect(page.getByText('No photos yet')).toBeVisible();

  await upload(page, 'faces/astronaut.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  const thumbnail = card.getByRole('img', { name: 'astronaut.png' });
  await expect(thumbnail).toBeVisible();
  // On a screen of one pixel per point, a card is narrower than the thumbnail, so the 256-px WebP is the one loaded.
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.currentSrc)).toMatch(/\/media\/usr_[A-Za-z0-9_-]+\/images\/[A-Za-z0-9_-]+\/w256\.webp$/);

  await page.screenshot({ path: screenshotPath('dashboard.png') });

  // Settings shows what the photo holds of the storage quota.
  await page.goto('/settings');
  const usage = page.getByTestId('storage-usage');
  await expect(usage.getByRole('progressbar', { name: 'Photos: 1 of 1,000' })).toBeVisible();
  await expect(usage.getByRole('progressbar', { name: /^Space: \d+ KB of 5\.0 GB$/ })).toBeVisible();
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

test('three photos dropped on the dashboard each show a preview and their own progress, then become ready', async ({ page }) => {
  await signUp(page);
  // A slow line (the three files, 1.4 MB, take about ten seconds together), so that progress can be watched.
  await slowUploads(page, 150_000);
  const files = [
    { name: 'astronaut.png', type: 'image/png', fixture: 'faces/astronaut.png' },
    { name: 'chelsea.png', type: 'image/png', fixture: 'nofaces/chelsea.png' },
    { name: 'group-sample1.jpg', type: 'image/jpeg', fixture: 'faces/group-sample1.jpg' },
  ];
  await dropFiles(page, page.getByTestId('drop-zone'), files);

  const rows = page.getByTestId('upload-row');
  await expect(rows).toHaveCount(3);
  // Each has its local preview at once, before the file has reached storage, and a bar of its own.
  await Promise.all(
    files.map(async ({ name }) => {
      const row = rows.filter({ hasText: name });
      await expect(row.getByRole('progressbar', { name: `Upload of ${name}` })).toBeAttached();
      await expect.poll(() => row.getByTestId('upload-preview').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    }),
  );
  // The largest file is seen part of the way through.
  const largest = rows.filter({ hasText: 'astronaut.png' });
  await expect(largest.getByTestId('upload-status')).toHaveText(/^([1-9]|[1-9]\d)%$/);
  expect(Number(await largest.getByRole('progressbar').getAttribute('value'))).toBeGreaterThan(0);
  await page.screenshot({ path: screenshotPath('upload-in-progress.png') });

  // One toast for the batch, not one a file.
  await expect(page.getByText('3 photos uploaded')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('astronaut.png uploaded')).toHaveCount(0);
  // Finished rows leave the list; the grid has the photos.
  await expect(rows).toHaveCount(0);
  for (const { name } of files) {
    await expect(page.getByTestId('image-card').filter({ hasText: name })).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  }
});

test('the picker takes several photos; three go at once and the others wait their turn', async ({ page }) => {
  await signUp(page);
  const uploads = await holdUploads(page);
  await upload(page, 'faces/astronaut.png', 'nofaces/chelsea.png', 'nofaces/coffee.png', 'faces/group-sample1.jpg', 'formats/animated.gif');

  const rows = page.getByTestId('upload-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.and(page.locator('[data-state="uploading"]'))).toHaveCount(3);
  const waiting = rows.and(page.locator('[data-state="waiting"]'));
  await expect(waiting).toHaveCount(2);
  await expect(waiting.first().getByTestId('upload-status')).toHaveText('Waiting');
  await expect.poll(uploads.held).toBe(3);

  uploads.release();
  await expect(page.getByText('5 photos uploaded')).toBeVisible({ timeout: 30_000 });
  await expect(rows).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('image-card')).toHaveCount(5);
});

test('an upload in flight can be cancelled, which settles its photo, and retried, which uploads the same file afresh', async ({ page }) => {
  await signUp(page);
  const uploads = await holdUploads(page);
  await upload(page, 'faces/astronaut.png');
  const row = page.getByTestId('upload-row').filter({ hasText: 'astronaut.png' });
  await expect(row).toHaveAttribute('data-state', 'uploading');
  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await expect(card).toHaveAttribute('data-status', 'uploading');

  await row.getByRole('button', { name: 'Cancel upload of astronaut.png' }).click();
  await expect(row).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByText('Upload of astronaut.png cancelled')).toBeVisible();
  // The record is settled at once: failed, with a sentence, and no longer polled for.
  await expect(card).toHaveAttribute('data-status', 'failed');
  await expect(card.getByTestId('failure-reason')).toHaveText('Upload cancelled.');

  // The aborted PUT never reaches storage, even once the way is open again.
  uploads.release();
  await row.getByRole('button', { name: 'Retry upload of astronaut.png' }).click();
  await expect(page.getByText('Retry of astronaut.png queued')).toBeVisible();
  await expect(page.getByText('astronaut.png uploaded')).toBeVisible();
  const cards = page.getByTestId('image-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.and(page.locator('[data-status="ready"]'))).toHaveCount(1, { timeout: 30_000 });

  // The cancelled one is deleted like any failed photo.
  await cards.and(page.locator('[data-status="failed"]')).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Delete selected' }).click();
  await page.getByRole('dialog', { name: 'Delete 1 photo?' }).getByRole('button', { name: 'Delete 1 photo' }).click();
  await expect(page.getByText('1 photo deleted')).toBeVisible();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-status', 'ready');
});

test('a file over 25 MB and a file that is no image are turned away in the browser, with the reason, before anything is sent', async ({ page }) => {
  const email = await signUp(page);
  const puts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT') puts.push(request.url());
  });
  await dropFiles(page, page.getByTestId('drop-zone'), [
    { name: 'scan.tiff', type: 'image/tiff', zeros: 26 * 1024 * 1024 },
    { name: 'notes.txt', type: 'text/plain', zeros: 100 },
  ]);

  const rows = page.getByTestId('upload-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'scan.tiff' }).getByRole('alert')).toHaveText('Files are limited to 25 MB.');
  await expect(rows.filter({ hasText: 'notes.txt' }).getByRole('alert')).toContainText('Only JPEG, PNG, WebP, AVIF, GIF, TIFF and HEIC images can be uploaded (this file is text/plain)');
  for (const row of await rows.all()) await expect(row).toHaveAttribute('data-state', 'refused');
  // Nothing reached storage, and the server was not even asked for an upload.
  expect(puts).toEqual([]);
  const { findUserByEmail, listImagesByOwner } = await import('../lib/db');
  const { userId } = (await findUserByEmail(email))!;
  expect((await listImagesByOwner(userId, { limit: 10 })).items).toEqual([]);

  await rows.filter({ hasText: 'notes.txt' }).getByRole('button', { name: 'Dismiss notes.txt' }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByText('No photos yet')).toBeVisible();
});

test('a photo pasted from the clipboard is uploaded', async ({ page }) => {
  await signUp(page);
  await pasteFiles(page, [{ name: 'image.png', type: 'image/png', fixture: 'nofaces/coffee.png' }]);
  await expect(page.getByText('image.png uploaded')).toBeVisible();
  await expect(page.getByTestId('image-card').filter({ hasText: 'image.png' })).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
});
