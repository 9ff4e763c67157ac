import { expect, test } from '@playwright/test';
import { connectE2eCloud } from './cloud';
import { signUp, upload } from './helpers';

connectE2eCloud();

test('an event that failed every attempt shows on the dashboard, and Retry processes the photo again', async ({ page }) => {
  const { findUserByEmail, insertDeadLetter, listImagesByOwner, markImageDeadLettered } = await import('../lib/db');
  const { toAwsRecord } = await import('../local/bridge');
  const { resources } = await import('../lib/aws/resources');

  const email = await signUp(page);
  await upload(page, 'faces/astronaut.png');
  const card = page.getByTestId('image-card').filter({ hasText: 'astronaut.png' });
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });

  // What the handler leaves after its third failed attempt, for an error no browser can cause.
  const { userId } = (await findUserByEmail(email))!;
  const [image] = (await listImagesByOwner(userId, { limit: 1 })).items;
  const record = toAwsRecord({ eventName: 'ObjectCreated:Put', s3: { bucket: { name: resources.uploadsBucket }, object: { key: image!.originalKey } } });
  await insertDeadLetter({ deadLetterId: `dl_${Date.now()}`, userId, imageId: image!.imageId, handler: 'process-image', record: JSON.stringify(record), error: 'socket hang up', attempts: 3 });
  await markImageDeadLettered(image!, 'Processing failed 3 times because of an error on our side. Your photo is safe; press Retry to try again.');

  await page.reload();
  await expect(card).toHaveAttribute('data-status', 'failed');
  const deadLetter = page.getByTestId('dead-letter');
  await expect(deadLetter).toContainText('socket hang up');

  await deadLetter.getByRole('button', { name: 'Retry' }).click();
  await expect(deadLetter).toHaveCount(0);
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
});
