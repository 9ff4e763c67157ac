import { createHash } from 'node:crypto';
import { nanoid } from 'nanoid';
import { listWebhookEndpointItems, type WebhookEndpointItem } from '../db';
import { sharedWhileInFlight } from '../shared-while-in-flight';
import { requestDelivery } from './request-delivery';
import type { WebhookEventType } from './schemas';

/**
 * The `webhook-id` of an event's delivery to one endpoint. Given the event's own key (the image an
 * image.ready is about, say), the same event emitted twice (a run that died after emitting, and its
 * retry) has the same id, so its receiver can tell the second for a duplicate, as the spec asks
 * receivers to; without one (every link view is its own event), a fresh id.
 */
function messageIdOf(endpointId: string, type: WebhookEventType, eventKey: string | undefined): string {
  if (eventKey === undefined) return `msg_${nanoid(24)}`;
  return `msg_${createHash('sha256').update(`${endpointId}\n${type}\n${eventKey}`).digest('base64url').slice(0, 32)}`;
}

/** The endpoints an event goes to: the owner's active ones that asked for its type. */
export function subscribersOf(endpoints: WebhookEndpointItem[], type: WebhookEventType): WebhookEndpointItem[] {
  return endpoints.filter((endpoint) => endpoint.disabledAt === undefined && endpoint.events.includes(type));
}

/** A user's endpoints: events of one user emitted at once (a burst of views of their link) share one query. */
const endpointsOf = sharedWhileInFlight(listWebhookEndpointItems);

/**
 * Emits an event of the user's where it happened: one delivery request per subscribed endpoint (one
 * query finds them; a user with none costs that query only). `target` captures each endpoint's URL and
 * secret in its request, for an event whose endpoints are about to be deleted (account.deleted).
 * Answers the deliveries asked for.
 */
export async function emitWebhookEvent(
  userId: string,
  event: { type: WebhookEventType; data: Record<string, unknown>; eventKey?: string; captureTarget?: boolean },
  now = Date.now(),
): Promise<{ endpointId: string; messageId: string }[]> {
  const endpoints = subscribersOf(await endpointsOf(userId), event.type);
  const payload = { type: event.type, timestamp: new Date(now).toISOString(), data: event.data };
  const asked: { endpointId: string; messageId: string }[] = [];
  for (const endpoint of endpoints) {
    const messageId = messageIdOf(endpoint.endpointId, event.type, event.eventKey);
    const target = event.captureTarget ? { url: endpoint.url, encryptedSecret: endpoint.encryptedSecret } : undefined;
    await requestDelivery(userId, { endpointId: endpoint.endpointId, messageId, payload, target }, now);
    asked.push({ endpointId: endpoint.endpointId, messageId });
  }
  return asked;
}
