import { expect, test } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { screenshotPath, signUp, upload } from './helpers';

connectE2eCloud();

/** A desktop browser: Playwright's own user agent says HeadlessChrome, which is not counted as a view. */
const VISITOR_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Five small portraits (fixtures/SOURCES.md), so the five uploads are processed quickly. */
const PHOTOS = ['patterned-tie.jpg', 'qt-logo-text.jpg', 'beach-sunglasses.jpg', 'jesper-closeup.jpg', 'grace-hopper.jpg'];

test('the owner selects 5 photos and shares them as one link; a signed-out visitor browses the gallery and its lightbox by keyboard; after Revoke every file is gone', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = await signUp(page);
  await upload(page, ...PHOTOS.map((name) => `portraits/${name}`));
  for (const name of PHOTOS) {
    await expect(page.getByTestId('image-card').filter({ hasText: name })).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
    await page.getByRole('checkbox', { name: `Select ${name}` }).check();
  }
  await expect(page.getByTestId('selection-bar')).toContainText('5 selected');

  await page.getByRole('button', { name: 'Share as one link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share 5 photos as one link' });
  await dialog.getByLabel('Let viewers download the photos, one by one or all at once').check();
  await dialog.getByRole('button', { name: 'Create album link' }).click();
  const shared = dialog.getByTestId('share-link');
  await expect(shared).toHaveText(/^http:\/\/localhost:\d+\/s\/[0-9A-Za-z]{12}$/);
  await expect(dialog).toContainText('Anyone with this link can see the 5 photos');
  const path = new URL((await shared.textContent())!).pathname;

  // Someone with no account, in a browser that never signed in.
  const visitorContext = await browser.newContext({ userAgent: VISITOR_UA, extraHTTPHeaders: { 'x-forwarded-for': `203.0.113.${1 + Math.floor(Math.random() * 250)}` } });
  const visitor = await visitorContext.newPage();
  expect((await visitor.goto(path))?.status()).toBe(200);
  const gallery = visitor.getByTestId('album-gallery').locator('img');
  await expect(gallery).toHaveCount(5);
  await expect(gallery.first()).toHaveAttribute('fetchpriority', 'high');
  await expect.poll(() => gallery.first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // Only the album's own paths, by number: nothing of the owner, the photos' ids or their names.
  const { findUserByEmail, listImagesByOwner } = await import('../lib/db');
  const { userId } = (await findUserByEmail(email))!;
  const imageIds = (await listImagesByOwner(userId, { limit: 10 })).items.map((image) => image.imageId);
  const markup = await visitor.content();
  for (const secret of [userId, ...imageIds, ...PHOTOS]) expect(markup).not.toContain(secret);
  const files = await visitor.locator('[src^="/s/"], [srcset^="/s/"]').evaluateAll((elements) => elements.map((element) => element.getAttribute('src') ?? element.getAttribute('srcset')!));
  expect(new Set(files)).toEqual(new Set([1, 2, 3, 4, 5].flatMap((n) => [`${path}/${n}/photo.webp`, `${path}/${n}/photo.jpg`])));
  // The edge's negotiation reaches the album's photos too.
  const negotiated = await visitor.request.get(`${path}/3/photo`, { headers: { accept: 'image/avif,image/webp,*/*' } });
  expect([negotiated.status(), negotiated.headers()['content-type'], negotiated.headers()['cache-control']]).toEqual([200, 'image/webp', 'public, max-age=60, s-maxage=3600']);
  await visitor.screenshot({ path: screenshotPath('album.png') });

  // The lightbox: opened from the grid, moved through with the arrow keys, closed with Escape.
  const lightbox = visitor.getByTestId('lightbox');
  const slides = lightbox.getByTestId('lightbox-photo');
  await gallery.first().click();
  await expect(visitor).toHaveURL(/#p1$/);
  await expect(lightbox).toBeVisible();
  await expect(slides.nth(0).locator('img')).toBeInViewport();
  await visitor.keyboard.press('ArrowRight');
  await expect(visitor).toHaveURL(/#p2$/);
  await expect(slides.nth(1).locator('img')).toBeInViewport();
  await expect(slides.nth(0).locator('img')).not.toBeInViewport();
  await visitor.keyboard.press('ArrowRight');
  await expect(visitor).toHaveURL(/#p3$/);
  await visitor.keyboard.press('ArrowLeft');
  await expect(visitor).toHaveURL(/#p2$/);
  await expect(slides.nth(1).locator('img')).toBeInViewport();
  // A sideways scroll (what a swipe is) snaps to the next photo, and the arrows go on from there.
  await slides.nth(1).hover();
  await visitor.mouse.wheel(900, 0);
  await expect(slides.nth(2).locator('img')).toBeInViewport();
  await expect(visitor).toHaveURL(/#p3$/);
  await visitor.keyboard.press('ArrowRight');
  await expect(visitor).toHaveURL(/#p4$/);
  await visitor.keyboard.press('Escape');
  await expect(lightbox).toBeHidden();

  const archive = await visitor.request.get(`${path}/album.zip`);
  expect([archive.status(), archive.headers()['content-type']]).toEqual([200, 'application/zip']);

  // The owner revokes it from My links.
  await page.goto('/links');
  const row = page.getByTestId('link-row').filter({ hasText: path });
  await expect(row).toContainText('Album of 5 photos');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog', { name: 'Revoke this link?' }).getByRole('button', { name: 'Revoke link' }).click();
  await expect(page.getByText('Link revoked')).toBeVisible();

  // Every file of every photo, the card, the ZIP and the page: gone at once, and nothing may keep them.
  for (const file of [path, ...files, `${path}/card.jpg`, `${path}/album.zip`, `${path}/1/download.jpg`]) {
    const gone = await visitor.request.get(file);
    expect([file, gone.status(), gone.headers()['cache-control']]).toEqual([file, 404, 'private, no-store']);
  }
  await visitorContext.close();
});
