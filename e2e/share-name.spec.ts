import { expect, test } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { openUploadedPhoto, signUp } from './helpers';

connectE2eCloud();

test('on a 375 px phone, the owner names a link in the share form: a bad name is refused in a sentence, a good one makes /s/<name>', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await signUp(page);
  await openUploadedPhoto(page, 'faces/astronaut.png');

  const panel = page.getByRole('region', { name: 'Share' });
  const field = panel.getByRole('textbox', { name: /Custom name/ });
  await field.fill('admin');
  await panel.getByRole('button', { name: 'Create link' }).click();
  await expect(panel.getByRole('alert')).toHaveText('That name is reserved; choose another.');
  // The refused name stays in its field, to be changed, with the form's other choices.
  await expect(field).toHaveValue('admin');
  // The field fits the phone's width: nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  const name = `e2e-${Date.now().toString(36)}`;
  await field.fill(name);
  await panel.getByRole('button', { name: 'Create link' }).click();
  await expect(panel.getByTestId('share-link')).toHaveText(new RegExp(`/s/${name}$`));
  const opened = await page.request.get(`/s/${name}`);
  expect(opened.status()).toBe(200);
});
