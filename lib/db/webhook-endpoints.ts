import { getDb } from './client';
import { conditionally, conditionalResult } from './conditions';
import type { WebhookEndpointItem } from './entities/webhook-endpoint';
import { releaseSlot, reserveSlot } from './slots';

/** Records a new endpoint; refuses to write over one with the same id. */
export async function insertWebhookEndpoint(endpoint: WebhookEndpointItem): Promise<void> {
  await getDb().entities.webhookEndpoint.create(endpoint).go({ response: 'none' });
}

/** One endpoint of a user, read consistently, so a deletion or a disabling counts from the next delivery on. */
export async function findWebhookEndpoint(userId: string, endpointId: string): Promise<WebhookEndpointItem | null> {
  const { data } = await getDb().entities.webhookEndpoint.get({ userId, endpointId }).go({ consistent: true });
  return data;
}

/** Every endpoint of a user, in id order. */
export async function listWebhookEndpointItems(userId: string): Promise<WebhookEndpointItem[]> {
  const { data } = await getDb().entities.webhookEndpoint.query.byUser({ userId }).go({ pages: 'all' });
  return data;
}

/** Deletes one endpoint; false when the user has no such endpoint. */
export async function deleteWebhookEndpoint(userId: string, endpointId: string): Promise<boolean> {
  return conditionally(getDb().entities.webhookEndpoint.delete({ userId, endpointId }).where(({ endpointId: id }, { exists }) => exists(id)).go({ response: 'none' }));
}

/** A delivery arrived: the run of failures is over. Nothing for an endpoint deleted meanwhile. */
export async function recordWebhookSuccess(userId: string, endpointId: string, now: number): Promise<void> {
  await conditionally(
    getDb()
      .entities.webhookEndpoint.patch({ userId, endpointId })
      .set({ consecutiveFailures: 0, lastSuccessAt: now })
      .go({ response: 'none' }),
  );
}

/** An attempt failed: why, for the owner to read. Nothing for an endpoint deleted meanwhile. */
export async function recordWebhookFailure(userId: string, endpointId: string, failure: { at: number; reason: string }): Promise<void> {
  await conditionally(
    getDb()
      .entities.webhookEndpoint.patch({ userId, endpointId })
      .set({ lastFailureAt: failure.at, lastFailure: failure.reason })
      .go({ response: 'none' }),
  );
}

/** A delivery was given up on: counted in one atomic ADD; answers the run of failures it makes, or null for an endpoint deleted meanwhile. */
export async function countGivenUpDelivery(userId: string, endpointId: string): Promise<number | null> {
  const updated = await conditionalResult(
    getDb()
      .entities.webhookEndpoint.patch({ userId, endpointId })
      .add({ consecutiveFailures: 1 })
      .go({ response: 'all_new' }),
  );
  return updated ? updated.data.consecutiveFailures : null;
}

/** Disables an active endpoint; true only for the call that disabled it, so its owner is told once. */
export async function disableWebhookEndpoint(userId: string, endpointId: string, now: number): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.webhookEndpoint.patch({ userId, endpointId })
      .set({ disabledAt: now })
      .where(({ disabledAt }, { notExists }) => notExists(disabledAt))
      .go({ response: 'none' }),
  );
}

/** Takes one of the user's `limit` endpoint slots; false when all are taken. */
export function reserveWebhookEndpointSlot(userId: string, limit: number): Promise<boolean> {
  return reserveSlot('webhookEndpointSlots', userId, limit);
}

/** Gives an endpoint slot back. */
export function releaseWebhookEndpointSlot(userId: string): Promise<void> {
  return releaseSlot('webhookEndpointSlots', userId);
}
