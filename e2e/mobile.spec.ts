import { expect, test } from '@playwright/test';
import { screenshotPath, signUp, upload } from './helpers';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test('on a 375-px phone every signed-in screen fits the width: nothing scrolls sideways', async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  await upload(page, 'faces/astronaut.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  // Two points a pixel: the grid's larger WebP is the one loaded.
  await expect.poll(() => card.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.currentSrc)).toMatch(/\/w640\.webp\?/);
  await card.getByRole('button', { name: 'LinkedIn check' }).click();
  await expect(page.getByTestId('face-count')).toBeVisible({ timeout: 30_000 });
  const imageId = page.url().match(/\/images\/([^/]+)\/analysis$/)![1]!;
  await page.goto(`/images/${imageId}`);
  const share = page.getByRole('region', { name: 'Share' });
  await share.getByRole('button', { name: 'Create link' }).click();
  await expect(share.getByTestId('share-link')).toBeVisible();

  for (const path of ['/dashboard', `/images/${imageId}`, `/images/${imageId}/analysis`, '/people', '/links', '/settings']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll, `${path} is ${widths.scroll} px wide`).toBeLessThanOrEqual(375);
    if (path === '/dashboard') await page.screenshot({ path: screenshotPath('mobile.png'), fullPage: true });
  }
});
