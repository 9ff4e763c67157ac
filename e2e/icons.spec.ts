import { expect, test, type Page } from '@playwright/test';
import { signUp } from './helpers';

/** Every answer of 400 or more to a page's requests, as "status url" (prefetches a navigation cuts short are not answers). */
function failedRequests(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  return failed;
}

test('a signed-out visitor gets the icons and the web app manifest, and no page asks for anything that is not there', async ({ page, request }) => {
  for (const [path, type] of [
    ['/favicon.ico', 'image/x-icon'],
    ['/icon.svg', 'image/svg+xml'],
    ['/apple-icon.png', 'image/png'],
    ['/manifest.webmanifest', 'application/manifest+json'],
  ] as const) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toContain(type);
  }
  const manifest = (await (await request.get('/manifest.webmanifest')).json()) as { name: string; start_url: string; icons: { src: string }[] };
  expect(manifest).toMatchObject({ name: 'Headshot', start_url: '/dashboard' });
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);

  // The pages Next.js renders name the icons and the manifest; the hand-written ones (landing, share) name the icon.
  const failed = failedRequests(page);
  await page.goto('/sign-in');
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', /\/(icon\.svg|favicon\.ico)/);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await page.goto('/');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/icon.svg');
  await page.waitForLoadState('networkidle');
  expect(failed).toEqual([]);
});

test('a signed-in page and a share page load with no request answered 404', async ({ page, browser }) => {
  await signUp(page);
  const failed = failedRequests(page);
  await page.goto('/links');
  await page.waitForLoadState('networkidle');
  expect(failed).toEqual([]);

  // A share page for a code that does not exist: the "not available" page, whose own requests all succeed.
  const visitor = await browser.newPage();
  const visitorFailed = failedRequests(visitor);
  const answer = await visitor.goto('/s/AbCdEfGhIjKl');
  expect(answer?.status()).toBe(404);
  await visitor.waitForLoadState('networkidle');
  expect(visitorFailed).toEqual([`404 ${visitor.url()}`]);
  await expect(visitor.locator('link[rel="icon"]')).toHaveAttribute('href', '/icon.svg');
  await visitor.close();
});
