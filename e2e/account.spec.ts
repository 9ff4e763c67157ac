import { expect, test } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { openUploadedPhoto, signUp } from './helpers';

connectE2eCloud();

test('the owner exports everything, then deletes the account from Settings: signed out for good, and the share link is gone', async ({ page, browser }) => {
  const email = await signUp(page);
  await openUploadedPhoto(page, 'faces/astronaut.png');
  const panel = page.getByRole('region', { name: 'Share' });
  await panel.getByRole('button', { name: 'Create link' }).click();
  const path = (await panel.getByTestId('share-link').textContent())!;
  expect((await page.request.get(path)).status()).toBe(200);

  await page.getByRole('link', { name: 'Settings' }).click();
  // First, everything out: the export's status follows the job, then a download link appears.
  await page.getByRole('button', { name: 'Export my data' }).click();
  const status = page.getByTestId('export-status').first();
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const archive = await page.request.get((await page.getByTestId('export-download').first().getAttribute('href'))!);
  expect(archive.status()).toBe(200);
  expect((await archive.body()).subarray(0, 4).toString('hex')).toBe('504b0304');

  const button = page.getByRole('button', { name: 'Delete my account' });
  // Nothing to press until the account's own email is typed in full.
  await expect(button).toBeDisabled();
  await page.getByTestId('delete-account-email').fill('someone-else@example.com');
  await expect(button).toBeDisabled();
  await page.getByTestId('delete-account-email').fill(email);
  await button.click();
  // One last question, in a dialog whose default is to keep everything.
  const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page).toHaveURL(/\/account-deleted$/);
  await expect(page.getByRole('heading', { name: 'Your account is being deleted' })).toBeVisible();
  // It says what is kept, and for how long: the closure mark, a day, nothing personal.
  await expect(page.getByTestId('kept')).toContainText('its internal id, when you asked for the deletion and when the record expires');
  await expect(page.getByTestId('kept')).toContainText('It expires 24 hours after the deletion finishes');

  // The share link answers 404 to anyone, at once.
  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto(path))?.status()).toBe(404);

  // Signed out, and the account no longer signs in.
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong email or password.')).toBeVisible();
  // A refused sign-in leaves what was typed, to be corrected rather than typed again.
  await expect(page.getByLabel('Email')).toHaveValue(email);
});
