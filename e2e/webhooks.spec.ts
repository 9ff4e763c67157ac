import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from '@playwright/test';
import { Webhook } from 'svix';
import { connectE2eCloud } from './cloud';
import { signUp, test, upload } from './helpers';

connectE2eCloud();

test('a webhook endpoint added in Settings is refused for a private address, gets signed events, shows its secret once, says when it was disabled, and is deleted', async ({ page }) => {
  test.setTimeout(120_000);
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/headshot-events`;

  const email = await signUp(page);
  await page.goto('/settings');
  const panel = page.getByRole('region', { name: 'Webhooks' });
  await panel.getByLabel('Endpoint URL').fill('https://10.0.0.1/hook');
  await panel.getByRole('button', { name: 'Add the endpoint' }).click();
  await expect(panel).toContainText('10.0.0.1, a private address');

  await panel.getByLabel('Endpoint URL').fill(url);
  await panel.getByRole('button', { name: 'Add the endpoint' }).click();
  const shown = panel.getByTestId('new-webhook-secret');
  await expect(shown).toContainText('It is shown this once');
  const secret = await shown.getByLabel('The signing secret').inputValue();
  expect(secret).toMatch(/^whsec_/);
  const row = panel.getByTestId('webhook-endpoint').filter({ hasText: url });
  await expect(row).toContainText('image.ready');
  await expect(row).toHaveAttribute('data-state', 'active');

  // A photo uploaded in the browser: its image.ready arrives, signed, and svix's implementation of the spec verifies it.
  await page.goto('/dashboard');
  await upload(page, 'faces/astronaut.png');
  await expect.poll(() => received.length, { timeout: 60_000 }).toBeGreaterThan(0);
  const [delivery] = received;
  const event = new Webhook(secret).verify(delivery!.body, {
    'webhook-id': String(delivery!.headers['webhook-id']),
    'webhook-timestamp': String(delivery!.headers['webhook-timestamp']),
    'webhook-signature': String(delivery!.headers['webhook-signature']),
  });
  expect(event).toMatchObject({ type: 'image.ready', data: { imageId: expect.any(String) } });

  // Five deliveries given up on, as the runner records them: the endpoint is disabled, and Settings says why.
  const { findUserByEmail } = await import('../lib/db');
  const { listWebhookEndpoints } = await import('../lib/webhooks');
  const { recordGivenUpDelivery } = await import('../lib/webhooks/record-given-up-delivery');
  const { deliverySubject } = await import('../lib/webhooks/delivery-subject');
  const userId = (await findUserByEmail(email))!.userId;
  const [endpoint] = await listWebhookEndpoints(userId);
  for (let n = 0; n < 5; n++) await recordGivenUpDelivery(deliverySubject(userId, endpoint!.endpointId, `msg_given_up_${n}`));
  await page.goto('/settings');
  await expect(row).toHaveAttribute('data-state', 'disabled');
  await expect(row.getByTestId('webhook-disabled')).toContainText('after 5 failed deliveries in a row');
  // The secret is not on the page any more.
  expect(await page.content()).not.toContain(secret);

  await row.getByRole('button', { name: `Delete ${url}` }).click();
  await expect(row).toHaveCount(0);
  expect(await listWebhookEndpoints(userId)).toEqual([]);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
