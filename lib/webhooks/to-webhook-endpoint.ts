import type { WebhookEndpointItem } from '../db';
import type { WebhookEndpoint, WebhookEventType } from './schemas';

/** A stored endpoint as its owner sees it. */
export function toWebhookEndpoint(item: WebhookEndpointItem): WebhookEndpoint {
  return {
    endpointId: item.endpointId,
    url: item.url,
    events: [...item.events].sort() as WebhookEventType[],
    createdAt: item.createdAt,
    state: item.disabledAt === undefined ? 'active' : 'disabled',
    disabledAt: item.disabledAt ?? null,
    consecutiveFailures: item.consecutiveFailures,
    lastSuccessAt: item.lastSuccessAt ?? null,
    lastFailureAt: item.lastFailureAt ?? null,
    lastFailure: item.lastFailure ?? null,
  };
}
