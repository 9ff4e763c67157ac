import { expect, test } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { openUploadedPhoto, signUp } from './helpers';

connectE2eCloud();

/** A phone's browser: Playwright's own user agent says HeadlessChrome, which is not counted as a view. */
const VISITOR_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

test('the owner protects a link with a password; a signed-out visitor on a dark 375 px phone gets the form, a wrong password is refused, the right one shows the photo', async ({ page, browser }) => {
  await signUp(page);
  await openUploadedPhoto(page, 'faces/astronaut.png');
  const panel = page.getByRole('region', { name: 'Share' });
  await panel.getByLabel(/^Password/).fill('open sesame 7');
  await panel.getByRole('button', { name: 'Create link' }).click();
  await expect(panel.getByTestId('created-link')).toContainText('Anyone with this link and its password can see the photo.');
  const path = new URL((await panel.getByTestId('share-link').textContent())!).pathname;

  const visitorContext = await browser.newContext({
    userAgent: VISITOR_UA,
    viewport: { width: 375, height: 812 },
    colorScheme: 'dark',
    extraHTTPHeaders: { 'x-forwarded-for': `203.0.113.${1 + Math.floor(Math.random() * 250)}` },
  });
  const visitor = await visitorContext.newPage();
  await visitor.goto(path);
  await expect(visitor.getByRole('heading', { name: 'A protected link' })).toBeVisible();
  await expect(visitor.getByTestId('shared-photo')).toHaveCount(0);
  // Nothing of the photo before the password: its file is refused outright.
  expect((await visitor.request.get(`${path}/photo.jpg`)).status()).toBe(403);
  // The form in the site's dark look, within the phone's width.
  expect(await visitor.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(2, 6, 23)');
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await visitor.getByLabel('Password').fill('open sesame 8');
  await visitor.getByRole('button', { name: 'Open' }).click();
  await expect(visitor.getByRole('alert')).toHaveText('That password is not right.');

  await visitor.getByLabel('Password').fill('open sesame 7');
  await visitor.getByRole('button', { name: 'Open' }).click();
  await expect(visitor).toHaveURL(new RegExp(`${path}$`));
  const photo = visitor.getByTestId('shared-photo');
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await visitorContext.close();
});
