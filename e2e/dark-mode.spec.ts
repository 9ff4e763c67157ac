import { expect, test, type Page } from '@playwright/test';
import { ANALYSIS_WAIT_MS, screenshotPath, signUp, upload } from './helpers';

const colours = (page: Page) =>
  page.evaluate(() => {
    const body = getComputedStyle(document.body);
    return { background: body.backgroundColor, text: body.color, scheme: getComputedStyle(document.documentElement).colorScheme };
  });

test('the pages follow the system setting: dark when it is dark, light when it is light, without a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await signUp(page);
  await upload(page, 'faces/astronaut.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });

  expect(await colours(page)).toEqual({ background: 'rgb(2, 6, 23)', text: 'rgb(248, 250, 252)', scheme: 'dark' });
  // Cards are a step lighter than the page; text on a filled button stays white.
  await expect(card).toHaveCSS('background-color', 'rgb(15, 23, 42)');
  await expect(page.getByRole('button', { name: 'Choose photos' })).toHaveCSS('color', 'rgb(255, 255, 255)');
  await page.screenshot({ path: screenshotPath('dark.png'), fullPage: true });

  await card.click();
  await expect(page.getByRole('heading', { name: 'astronaut.png' })).toBeVisible();
  expect((await colours(page)).background).toBe('rgb(2, 6, 23)');
  await page.screenshot({ path: screenshotPath('dark-detail.png'), fullPage: true });

  // The LinkedIn check: the score's number is written in the page's text colour, not a light page's.
  await page.getByRole('link', { name: 'LinkedIn check' }).click();
  await page.getByRole('button', { name: 'Analyse this photo' }).click();
  await expect(page.getByTestId('face-count')).toBeVisible({ timeout: ANALYSIS_WAIT_MS });
  await expect(page.getByTestId('ready-panel')).toBeVisible();
  const score = page.getByRole('img', { name: /^Score \d+ out of 100$/ });
  await expect(score.getByText(/^\d+$/)).toHaveCSS('color', 'rgb(248, 250, 252)');
  await page.screenshot({ path: screenshotPath('analysis-dark.png'), fullPage: true });

  // Tailwind's own (light) palette is in OKLCH, which the browser reports in lab(): L is the lightness.
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await colours(page);
  expect(light.scheme).toBe('normal');
  expect(light.background).toMatch(/^lab\(9\d/);
  expect(light.text).toMatch(/^lab\([0-9]\./);
});
