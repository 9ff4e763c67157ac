import { getDb } from './client';
import { conditionally } from './conditions';
import type { WebhookDeliveryItem } from './entities/webhook-delivery';

/**
 * Records a delivery unless it is recorded already: true for the first, false for a replay. A record
 * past its expiresAt counts as gone (DynamoDB's TTL deletes late, dynalite never), and is replaced.
 */
export async function recordWebhookDelivery(delivery: WebhookDeliveryItem, now: number): Promise<boolean> {
  const nowSeconds = Math.floor(now / 1000);
  return conditionally(
    getDb()
      .entities.webhookDelivery.put(delivery)
      .where(({ expiresAt }, { notExists, lt }) => `${notExists(expiresAt)} OR ${lt(expiresAt, nowSeconds)}`)
      .go({ response: 'none' }),
  );
}

/** The delivery recorded under an id; null when there is none, or it is past its expiresAt though the TTL has not removed it yet. */
export async function findWebhookDelivery(deliveryId: string, now = Date.now()): Promise<WebhookDeliveryItem | null> {
  const { data } = await getDb().entities.webhookDelivery.get({ deliveryId }).go();
  return data && data.expiresAt * 1000 > now ? data : null;
}

/** Forgets a delivery whose work failed, so that the sender's retry, under the same id, is not taken for a replay. */
export async function forgetWebhookDelivery(deliveryId: string): Promise<void> {
  await getDb().entities.webhookDelivery.delete({ deliveryId }).go({ response: 'none' });
}
