import { listWebhookEndpointItems } from '../db';
import type { WebhookEndpoint } from './schemas';
import { toWebhookEndpoint } from './to-webhook-endpoint';

/** The user's endpoints, newest first; disabled ones with why. */
export async function listWebhookEndpoints(userId: string): Promise<WebhookEndpoint[]> {
  const items = await listWebhookEndpointItems(userId);
  return items.map(toWebhookEndpoint).sort((a, b) => b.createdAt - a.createdAt);
}
