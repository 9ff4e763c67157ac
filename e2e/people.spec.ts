import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { FIXTURES, screenshotPath, signUp } from './helpers';

test('faces are found, grouped into a person, and a click on a face streams in the other photos of that person', async ({ page }) => {
  test.setTimeout(180_000);
  // The same astronaut twice (the second mirrored), and a group photo of three other people.
  const dir = path.resolve('test-results', 'people-fixtures');
  await mkdir(dir, { recursive: true });
  const astronaut = path.join(FIXTURES, 'faces/astronaut.png');
  const mirrored = path.join(dir, 'astronaut-mirrored.jpg');
  await sharp(astronaut).flop().jpeg({ quality: 92 }).toFile(mirrored);

  await signUp(page);
  await page.getByTestId('file-input').setInputFiles([astronaut, mirrored, path.join(FIXTURES, 'faces/group-sample1.jpg')]);
  const cards = page.getByTestId('image-card');
  await expect(cards).toHaveCount(3);
  for (const card of await cards.all()) await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });

  // The photo page finds the faces by itself, then offers each as a button.
  await cards.filter({ hasText: 'astronaut.png' }).click();
  await expect(page.getByTestId('face-index-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('face-index-status')).toContainText('One face found');
  const face = page.getByTestId('face-button');
  await expect(face).toHaveCount(1);
  await face.click();
  const results = page.getByTestId('search-result');
  await expect(results).toHaveCount(1, { timeout: 30_000 });
  await expect(results.first()).toContainText('astronaut-mirrored.jpg');
  await expect(page.getByTestId('search-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('search-status')).toHaveText('1 photo of this person');
  expect(Number(await results.first().getAttribute('data-similarity'))).toBeGreaterThan(0.9);
  await page.screenshot({ path: screenshotPath('face-search.png'), fullPage: true });

  // The group photo's three people were each seen once: not people yet. The astronaut, seen twice, is one.
  await page.getByRole('link', { name: 'People', exact: true }).click();
  await expect(page).toHaveURL(/\/people$/);
  const people = page.getByTestId('person-card');
  await expect(people).toHaveCount(1);
  await expect(people.first()).toContainText('2 photos');
  await page.screenshot({ path: screenshotPath('people.png'), fullPage: true });

  await people.first().getByRole('link').click();
  await page.getByLabel('Name').fill('Eileen Collins');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Eileen Collins' })).toBeVisible();
  await expect(page.getByTestId('person-photo')).toHaveCount(2);

  // A query photo finds both photos of her, and is not kept.
  await page.goto('/people');
  await expect(people.first()).toContainText('Eileen Collins');
  await page.getByTestId('search-photo-input').setInputFiles(astronaut);
  await expect(page.getByTestId('search-status')).toHaveText('2 photos of this person', { timeout: 30_000 });
  await expect(page.getByTestId('search-result')).toHaveCount(2);

  // A photo without a face gets a sentence, not an empty list.
  await page.getByTestId('search-photo-input').setInputFiles(path.join(FIXTURES, 'nofaces/coffee.png'));
  await expect(page.getByTestId('search-status')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  await expect(page.getByTestId('search-status')).toContainText(/no face/i);
});

test('a malformed search request gets a 400 and nothing else', async ({ page }) => {
  await signUp(page);
  const origin = new URL(page.url()).origin;
  for (const [contentType, body] of [
    ['application/json', '{"face":'],
    ['application/json', '{"face":{"imageId":"x","faceId":"../../etc"}}'],
    ['text/plain', 'hello'],
  ] as const) {
    const response = await page.request.post('/people/search', { headers: { 'content-type': contentType, origin }, data: body });
    expect(response.status(), `${contentType} ${body}`).toBe(400);
    expect(Object.keys(await response.json())).toEqual(['error']);
  }
});
