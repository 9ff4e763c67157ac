import { expect, type Page } from '@playwright/test';
import { CLERK_BASE, clerkModeReady, routeClerkFrontend, signInWithClerk } from './clerk-mode';
import { ANALYSIS_WAIT_MS, signInAs, test, uploadAs } from './helpers';

/*
 * The security headers, as `next start` serves them (lib/security/headers.ts): on pages, routes, the
 * share pages and static files; and a content security policy the app's own pages live with, with no
 * violation reported by the browser while a photo is uploaded, viewed, shared and analysed. The same
 * build in Clerk mode (e2e/clerk-mode.ts) loads Clerk's script under the same policy, with no violation either.
 */

function expectStaticHeaders(headers: Record<string, string>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBeTruthy();
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  expect(headers['x-powered-by']).toBeUndefined();
}

function watchPolicyViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('pages carry a nonce-based content security policy that forbids framing, and the static headers', async ({ request }) => {
  const response = await request.get('/sign-in');
  const headers = response.headers();
  expectStaticHeaders(headers);
  const policy = headers['content-security-policy']!;
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  // Every script Next.js rendered carries this response's nonce, and no other.
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  expect((await request.get('/sign-in')).headers()['content-security-policy']).not.toBe(policy);

  const asset = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(html)?.[1];
  expectStaticHeaders((await request.get(asset!)).headers());
});

test('share pages and their files carry their own strict policy and the static headers', async ({ request }) => {
  const { newLinkCode } = await import('../lib/links');
  const page = await request.get(`/s/${newLinkCode()}`);
  expectStaticHeaders(page.headers());
  expect(page.headers()['content-security-policy']).toContain("default-src 'none'");
  expectStaticHeaders((await request.get(`/s/${newLinkCode()}/photo.webp`)).headers());
});

test('the app runs with its policy on: no violation while a photo is uploaded, viewed, shared and checked', async ({ page, sharedAccount }) => {
  const violations = watchPolicyViolations(page);
  await signInAs(page, sharedAccount);
  expect((await page.request.get('/dashboard')).headers()['content-security-policy']).toContain("'strict-dynamic'");
  await uploadAs(page, 'faces/astronaut.png', 'policy-check.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'policy-check.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await expect(card.getByRole('img')).toBeVisible();
  await card.getByRole('link').first().click();
  await expect(page.getByRole('img', { name: 'policy-check.png' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Share' });
  await panel.getByRole('button', { name: 'Create link' }).click();
  await expect(panel.getByRole('img', { name: 'QR code of the link' })).toBeVisible();
  await page.getByRole('link', { name: 'LinkedIn check' }).click();
  await page.getByRole('button', { name: 'Analyse this photo' }).click();
  await expect(page.getByTestId('face-count')).toBeVisible({ timeout: ANALYSIS_WAIT_MS });
  expect(violations).toEqual([]);
});

test("in Clerk mode, Clerk's script carries each page's nonce and runs: no violation on a signed-in visitor's pages", async ({ browser }) => {
  await clerkModeReady();
  const context = await browser.newContext({ baseURL: CLERK_BASE });
  const page = await context.newPage();
  const served = await routeClerkFrontend(page);
  const violations = watchPolicyViolations(page);
  await signInWithClerk(context, `user_e2e${Date.now()}`);
  for (const path of ['/dashboard', '/links', '/people', '/settings', '/sign-in']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    // It ran: @clerk/react found ClerkJS on the page and loaded it.
    await expect.poll(() => page.evaluate(() => (window as { Clerk?: { loaded?: boolean } }).Clerk?.loaded === true), { message: `ClerkJS loaded on ${path}` }).toBe(true);
    expect(violations, path).toEqual([]);
    // Clerk's own tag, rendered by ClerkProvider on the server, carries this response's nonce (browsers hide it from the attribute, not the property).
    const nonce = /'nonce-([^']+)'/.exec((await response!.allHeaders())['content-security-policy'] ?? '')?.[1];
    const tagNonces = await page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>('script[data-clerk-js-script]')].map((script) => script.nonce));
    expect(tagNonces, path).toEqual([nonce]);
  }
  expect(served.some((url) => url.includes('/clerk.browser.js'))).toBe(true);
  expect(violations).toEqual([]);
  await context.close();
});
