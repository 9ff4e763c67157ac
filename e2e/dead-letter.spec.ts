import { expect, test } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { signUp, upload } from './helpers';
import { E2E_PORTS } from './ports';

connectE2eCloud();

test('work that failed every attempt shows a sentence and Retry on the dashboard, and Retry processes the photo again', async ({ page }) => {
  const { findUserByEmail, listImagesByOwner } = await import('../lib/db');
  const { storeDeadLetters } = await import('../lib/jobs');
  const { resources } = await import('../lib/aws/resources');
  const { sqsEvent } = await import('../tests/integration/sqs-event');
  const { headObject } = await import('../lib/storage');

  // The browser's PUT is held back until the job has been given up on, as if every run had died.
  let releaseUpload!: () => void;
  const held = new Promise<void>((resolve) => (releaseUpload = resolve));
  await page.route(`http://127.0.0.1:${E2E_PORTS.s3}/**`, async (route) => {
    if (route.request().method() === 'PUT') await held;
    await route.continue();
  });

  const email = await signUp(page);
  await upload(page, 'faces/astronaut.png');
  const { userId } = (await findUserByEmail(email))!;
  await expect.poll(async () => (await listImagesByOwner(userId, { limit: 1 })).items.length).toBe(1);
  const [image] = (await listImagesByOwner(userId, { limit: 1 })).items;

  // What SQS hands the store-dead-letter function once a message has failed every attempt.
  const { batchItemFailures } = await storeDeadLetters(sqsEvent({ bucket: resources.uploadsBucket, key: image!.originalKey, eTag: '', size: 0 }, 1));
  expect(batchItemFailures).toEqual([]);
  releaseUpload();
  await expect.poll(async () => Boolean(await headObject(resources.uploadsBucket, image!.originalKey))).toBe(true);

  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await page.reload();
  await expect(card).toHaveAttribute('data-status', 'failed');
  const deadLetter = page.getByTestId('dead-letter');
  await expect(deadLetter).toContainText('Processing a photo: Processing kept failing because of an error on our side.');
  await expect(deadLetter).not.toContainText(resources.uploadsBucket);

  await deadLetter.getByRole('button', { name: 'Retry' }).click();
  await expect(deadLetter).toHaveCount(0);
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
});
