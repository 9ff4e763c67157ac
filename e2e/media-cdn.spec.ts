import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { gridThumbnailsLoaded, watchMediaTraffic } from '../tests/support/media-traffic';
import { seedReadyPhotos } from '../tests/support/seed-ready-photos';
import { connectE2eCloud } from './cloud';
import { createAccount, signInAs } from './helpers';
import { e2eMediaKeyPairId, e2eMediaSigningKey } from './media-key';
import { E2E_PORTS } from './ports';

connectE2eCloud();

/*
 * The owner's photos under /media/, as CloudFront serves them on AWS and the local cloud's stand-in
 * here (local/cdn/): stable paths with no query string, opened by the signed cookies the site sets for
 * the signed-in owner's own prefix, and refused, with CloudFront's 403, to anyone else, to an expired
 * cookie and to a tampered one. Files are kept by the browser for a year: a second visit of a
 * dashboard of 24 photos fetches none of its thumbnails again.
 */

const ORIGIN = `http://localhost:${E2E_PORTS.app}`;

async function userIdOf(email: string): Promise<string> {
  const { findUserByEmail } = await import('../lib/db');
  return (await findUserByEmail(email))!.userId;
}

/**
 * A signed-in owner of `photos` ready photos; the page is tall enough for the whole first page of the
 * grid. On their dashboard, unless `visited` is false: then the browser holds the session and nothing else.
 */
async function ownerWithPhotos(page: Page, photos: number, { visited = true } = {}): Promise<{ userId: string; imageIds: string[] }> {
  const account = await createAccount();
  const userId = await userIdOf(account.email);
  const imageIds = await seedReadyPhotos(userId, photos);
  await page.setViewportSize({ width: 1280, height: 4000 });
  if (visited) await signInAs(page, account);
  else {
    const { SESSION_COOKIE } = await import('../lib/auth');
    await page.context().addCookies([{ name: SESSION_COOKIE, value: account.token, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
  }
  return { userId, imageIds };
}

/** The context's cookies, as a Cookie header for a path. */
async function cookieHeader(context: BrowserContext, url: string): Promise<string> {
  return (await context.cookies(url)).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** Every grid thumbnail has loaded and decoded. */
async function thumbnailsShown(page: Page, count: number): Promise<void> {
  const thumbnails = page.getByTestId('image-backdrop').locator('img');
  await expect(thumbnails).toHaveCount(count);
  await expect.poll(() => thumbnails.evaluateAll((images) => images.filter((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0).length)).toBe(count);
}

function cloudFrontCookies(policy: string): Record<string, string> {
  const signed = getSignedCookies({ policy, keyPairId: e2eMediaKeyPairId(), privateKey: e2eMediaSigningKey() });
  return Object.fromEntries(Object.entries(signed).map(([name, value]) => [name, String(value)]));
}
const asHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
const policyFor = (resource: string, expiresAt: number) => JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(expiresAt / 1000) } } }] });

test("the dashboard's thumbnails are stable /media/ paths that the owner's signed cookie opens, and browsers keep for a year", async ({ page, context, request }) => {
  const { userId, imageIds } = await ownerWithPhotos(page, 2);
  await thumbnailsShown(page, 2);
  const sources = await page.getByTestId('image-backdrop').locator('img').evaluateAll((images) => images.map((image) => (image as HTMLImageElement).getAttribute('src')!));
  expect(sources.sort()).toEqual(imageIds.map((imageId) => `/media/${userId}/images/${imageId}/w256.webp`).sort());

  // The cookies the site set: CloudFront's three, scoped to the owner's own prefix, unreadable by scripts.
  const media = (await context.cookies(`${ORIGIN}/media/${userId}/`)).filter((cookie) => cookie.name.startsWith('CloudFront-'));
  expect(media.map((cookie) => cookie.name).sort()).toEqual(['CloudFront-Key-Pair-Id', 'CloudFront-Policy', 'CloudFront-Signature']);
  for (const cookie of media) expect(cookie).toMatchObject({ path: `/media/${userId}/`, httpOnly: true });
  const policy = JSON.parse(Buffer.from(media.find((cookie) => cookie.name === 'CloudFront-Policy')!.value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString());
  expect(policy.Statement[0].Resource).toBe(`http*://localhost:${E2E_PORTS.app}/media/${userId}/*`);

  const file = await request.get(`${ORIGIN}${sources[0]}`, { headers: { cookie: await cookieHeader(context, `${ORIGIN}${sources[0]}`) } });
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('image/webp');
  expect(file.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

  // The same paths on the next visit: nothing in them changes.
  await page.goto('/dashboard');
  await thumbnailsShown(page, 2);
  const again = await page.getByTestId('image-backdrop').locator('img').evaluateAll((images) => images.map((image) => (image as HTMLImageElement).getAttribute('src')!));
  expect(again.sort()).toEqual(sources.sort());
});

test("another user's cookie, no cookie, an expired one and a tampered one are refused with CloudFront's 403", async ({ page, context, browser, request }) => {
  const { userId, imageIds } = await ownerWithPhotos(page, 1);
  await thumbnailsShown(page, 1);
  const mine = `${ORIGIN}/media/${userId}/images/${imageIds[0]}/w256.webp`;
  const refusal = async (cookie: string) => {
    const response = await request.get(mine, { headers: { cookie } });
    return { status: response.status(), body: await response.text() };
  };
  expect((await refusal(await cookieHeader(context, mine))).status).toBe(200);

  // Another signed-in user: their browser does not send its cookies to my prefix, and sent anyway they do not cover it.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  const stranger = await ownerWithPhotos(other, 1);
  await thumbnailsShown(other, 1);
  expect(await cookieHeader(otherContext, mine)).not.toContain('CloudFront-');
  const theirs = await cookieHeader(otherContext, `${ORIGIN}/media/${stranger.userId}/`);
  expect(theirs).toContain('CloudFront-Signature');
  expect(await refusal(theirs)).toEqual({ status: 403, body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>' });
  await otherContext.close();

  expect(await refusal('')).toEqual({ status: 403, body: expect.stringContaining('<Code>MissingKey</Code><Message>Missing Key-Pair-Id query parameter or cookie value</Message>') });

  // Signed with the suite's own key, CloudFront's way: good until a minute ago, and good for another hour.
  expect((await refusal(asHeader(cloudFrontCookies(policyFor(`${ORIGIN}/media/${userId}/*`, Date.now() - 60_000))))).body).toContain('<Code>AccessDenied</Code>');
  expect((await refusal(asHeader(cloudFrontCookies(policyFor(`${ORIGIN}/media/${userId}/*`, Date.now() + 3_600_000))))).status).toBe(200);

  // The owner's own signature under a policy widened to everyone's media.
  const own = Object.fromEntries((await context.cookies(mine)).map((cookie) => [cookie.name, cookie.value]));
  const widened = cloudFrontCookies(policyFor(`${ORIGIN}/media/*`, Date.now() + 3_600_000));
  expect((await refusal(asHeader({ ...own, 'CloudFront-Policy': widened['CloudFront-Policy']! }))).body).toContain('<Code>AccessDenied</Code>');
});

test('signing out takes the media cookies away, rather than leave them to their two hours', async ({ page, context }) => {
  const { userId } = await ownerWithPhotos(page, 1);
  await thumbnailsShown(page, 1);
  const mediaCookies = async () => (await context.cookies(`${ORIGIN}/media/${userId}/`)).map((cookie) => cookie.name).filter((name) => name !== 'headshot_session').sort();
  expect(await mediaCookies()).toEqual(['CloudFront-Key-Pair-Id', 'CloudFront-Policy', 'CloudFront-Signature', 'headshot_media_until']);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await mediaCookies()).toEqual([]);
});

test('a second visit to a dashboard of 24 photos transfers 0 bytes of thumbnails', async ({ page }) => {
  test.setTimeout(120_000);
  const { userId } = await ownerWithPhotos(page, 24, { visited: false });
  const traffic = await watchMediaTraffic(page, `/media/${userId}/`);

  await page.goto('/dashboard');
  await gridThumbnailsLoaded(page, 24);
  const first = traffic.requests(1);
  expect(first.filter((request) => !request.fromCache)).toHaveLength(24);
  expect(first.reduce((sum, request) => sum + request.bytes, 0)).toBeGreaterThan(24 * 1000);

  traffic.nextVisit();
  await page.goto('/settings');
  await page.goto('/dashboard');
  await gridThumbnailsLoaded(page, 24);
  const overNetwork = traffic.requests(2).filter((request) => !request.fromCache);
  expect(overNetwork.map((request) => request.url)).toEqual([]);
  expect(traffic.requests(2).reduce((sum, request) => sum + request.bytes, 0)).toBe(0);
  await traffic.stop();
});
