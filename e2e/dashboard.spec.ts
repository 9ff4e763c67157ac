import { expect, test, type Page } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { signUp, upload } from './helpers';

connectE2eCloud();

/**
 * Photos put straight into the table, as settled failures (nothing to process, nothing to poll), so
 * that a grid of many photos costs no uploads. Oldest first: the last one made is the grid's first.
 */
async function seedPhotos(email: string, count: number): Promise<string[]> {
  const { findUserByEmail, insertImage, setImageStatus } = await import('../lib/db');
  const { originalKey } = await import('../lib/storage');
  const { nanoid } = await import('nanoid');
  const { userId } = (await findUserByEmail(email))!;
  const names: string[] = [];
  for (let index = 1; index <= count; index++) {
    const imageId = nanoid(16);
    const fileName = `seeded-${String(index).padStart(2, '0')}.jpg`;
    await insertImage({ userId, imageId, fileName, declaredType: 'image/jpeg', declaredBytes: 1000, originalKey: originalKey(userId, imageId) });
    await setImageStatus({ userId, imageId }, { status: 'failed', failureReason: 'Seeded for a test.', failureCode: 'test' });
    names.push(fileName);
    // One millisecond apart at least, so the grid's order is the order they were made in.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return names;
}

const cardNames = (page: Page) => page.getByTestId('image-card').locator('span.truncate').allTextContents();

test('an empty library says how to start', async ({ page }) => {
  await signUp(page);
  await expect(page.getByTestId('empty-state')).toHaveText(/^No photos yet\. Drop some here, paste them, or choose them above/);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
});

test('"Load more" appends the next page in place; the page of a cursor can also be opened by its address', async ({ page }) => {
  const email = await signUp(page);
  const names = await seedPhotos(email, 27);
  await page.reload();
  const cards = page.getByTestId('image-card');
  await expect(cards).toHaveCount(24);
  expect((await cardNames(page))[0]).toBe('seeded-27.jpg');

  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(cards).toHaveCount(27);
  expect(await cardNames(page)).toEqual([...names].reverse());
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);

  // Underneath, the button is a GET form for the page of that cursor, an address that can be opened itself.
  await page.reload();
  const cursor = await page.locator('input[name="cursor"]').inputValue();
  await page.goto(`/dashboard?cursor=${encodeURIComponent(cursor)}`);
  expect(await cardNames(page)).toEqual(['seeded-03.jpg', 'seeded-02.jpg', 'seeded-01.jpg']);
  await page.getByRole('link', { name: 'Newest photos' }).click();
  await expect(cards).toHaveCount(24);
});

test('several photos are selected and deleted together, after a confirmation that can be declined', async ({ page }) => {
  const email = await signUp(page);
  await seedPhotos(email, 3);
  await page.reload();
  const cards = page.getByTestId('image-card');
  await expect(cards).toHaveCount(3);

  await page.getByRole('checkbox', { name: 'Select seeded-01.jpg' }).check();
  await page.getByRole('checkbox', { name: 'Select seeded-03.jpg' }).check();
  await expect(page.getByTestId('selection-bar')).toContainText('2 selected');

  await page.getByRole('button', { name: 'Delete selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2 photos?' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(cards).toHaveCount(3);

  await page.getByRole('button', { name: 'Delete selected' }).click();
  await dialog.getByRole('button', { name: 'Delete 2 photos' }).click();
  await expect(page.getByText('2 photos deleted')).toBeVisible();
  // The toast comes with the action's answer; the grid follows with the page's next render.
  await expect.poll(() => cardNames(page)).toEqual(['seeded-02.jpg']);
  await expect(page.getByTestId('selection-bar')).not.toContainText('selected');

  const { findUserByEmail, listImagesByOwner } = await import('../lib/db');
  const { userId } = (await findUserByEmail(email))!;
  expect((await listImagesByOwner(userId, { limit: 10 })).items.map((image) => image.fileName)).toEqual(['seeded-02.jpg']);
});

test("a card shows the photo's stored blur until its thumbnail has loaded", async ({ page }) => {
  await signUp(page);
  await upload(page, 'faces/astronaut.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });

  // Thumbnails held back, as on a slow line.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/media/**/w*.webp', async (route) => {
    await gate;
    await route.continue();
  });
  await page.reload({ waitUntil: 'domcontentloaded' });
  const backdrop = card.getByTestId('image-backdrop');
  await expect(backdrop).toHaveCSS('background-image', /^url\("data:image\/webp;base64,/);
  const thumbnail = card.getByRole('img', { name: 'astronaut.png' });
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(0);

  release();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});
