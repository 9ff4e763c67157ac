import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ANALYSIS_WAIT_MS, FIXTURES, signUp } from './helpers';

/**
 * Moves the focus with Tab alone until it reaches target, as a person without a mouse does, and checks
 * that they can see where it is: the focused control matches :focus-visible and draws an outline.
 */
async function tabTo(page: Page, target: Locator, { backwards = false, most = 80 } = {}) {
  for (let presses = 0; presses < most; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) {
      const ring = await target.evaluate((element) => ({ visible: element.matches(':focus-visible'), outline: getComputedStyle(element).outlineStyle }));
      expect(ring).toEqual({ visible: true, outline: 'solid' });
      return;
    }
  }
  throw new Error(`${target} was not reached in ${most} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

test('a keyboard alone uploads a photo, shares it, runs the LinkedIn check and opens People, with the focus always visible', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUp(page);
  // The button is on the page before its script: Enter pressed before hydration opens nothing, for a person too.
  await expect(page.locator('[data-testid="upload-area"][data-listening]')).toBeAttached();

  // Upload: the picker opens from a focusable button. Listened for before the first Tab: Playwright
  // starts intercepting the chooser once it is listened for, and on a busy machine an Enter pressed at
  // the same moment could open the dialog before that, where a headless browser shows nothing.
  const choosing = page.waitForEvent('filechooser');
  await tabTo(page, page.getByRole('button', { name: 'Choose photos' }));
  await page.keyboard.press('Enter');
  const picker = await choosing;
  expect(picker.isMultiple()).toBe(true);
  await picker.setFiles(path.join(FIXTURES, 'faces/astronaut.png'));
  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });

  // Open the photo.
  await tabTo(page, card.getByRole('link'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'astronaut.png' })).toBeVisible();

  // Share: a link made with Space, copied with Enter.
  const share = page.getByRole('region', { name: 'Share' });
  await tabTo(page, share.getByRole('button', { name: 'Create link' }));
  await page.keyboard.press('Space');
  await expect(share.getByTestId('share-link')).toHaveText(/^http:\/\/localhost:\d+\/s\/[0-9A-Za-z]{12}$/);
  await tabTo(page, share.getByRole('button', { name: 'Copy link' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Link copied to the clipboard')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/s\/[0-9A-Za-z]{12}$/);

  // The LinkedIn check, above the share panel: back up to it, as a person would, rather than round the whole page.
  await tabTo(page, page.getByRole('link', { name: 'LinkedIn check' }), { backwards: true });
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Analyse this photo' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('face-count')).toHaveText('One face found.', { timeout: ANALYSIS_WAIT_MS });

  // People, from the navigation at the top: back up to it too. Forwards, the focus would have to leave the page
  // past the toasts at its end and come round again, which headless Chromium does not always do (CI, once).
  await tabTo(page, page.getByRole('link', { name: 'People', exact: true }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole('heading', { name: 'People', exact: true })).toBeVisible();
});
