import 'zod-openapi';
import { z } from 'zod';
import { createWebhookEndpoint, createWebhookEndpointInput, deleteWebhookEndpoint, listWebhookEndpoints, NoSuchWebhookEndpoint, WebhookEventTypeSchema, webhookEndpointIdInput, type WebhookEndpoint as OwnerEndpoint } from '../webhooks';

/* Webhook endpoints as the API shows them: the settings page's list, with ISO times. */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const WebhookEndpointSchema = z
  .object({
    id: z.string().meta({ example: 'ep_V1StGXR8Z5jdHi6B' }),
    url: z.string(),
    events: z.array(WebhookEventTypeSchema),
    state: z.enum(['active', 'disabled']).meta({ description: 'Disabled after repeated failed deliveries; make a new endpoint to resume.' }),
    createdAt: z.iso.datetime(),
    disabledAt: z.iso.datetime().nullable(),
    consecutiveFailures: z.number().int().meta({ description: 'Deliveries given up on since the last one that arrived.' }),
    lastSuccessAt: z.iso.datetime().nullable(),
    lastFailureAt: z.iso.datetime().nullable(),
    lastFailure: z.string().nullable().meta({ description: 'Why the last failed attempt failed, in a sentence.' }),
  })
  .meta({ id: 'WebhookEndpoint' });
export type ApiWebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const CreatedWebhookEndpointSchema = z
  .object({
    endpoint: WebhookEndpointSchema,
    secret: z.string().meta({ description: 'The signing secret (Standard Webhooks, `whsec_…`). Shown this once: keep it where your receiver can read it.' }),
  })
  .meta({ id: 'CreatedWebhookEndpoint' });

export const WebhookEndpointListSchema = z.object({ items: z.array(WebhookEndpointSchema) }).meta({ id: 'WebhookEndpointList' });
export const CreateWebhookEndpointBodySchema = createWebhookEndpointInput.meta({ id: 'WebhookEndpointRequest' });
export const WebhookEndpointPathSchema = z.object({ id: z.string().meta({ description: 'The endpoint id.' }) });

function toApiWebhookEndpoint(endpoint: OwnerEndpoint): ApiWebhookEndpoint {
  return {
    id: endpoint.endpointId,
    url: endpoint.url,
    events: endpoint.events,
    state: endpoint.state,
    createdAt: new Date(endpoint.createdAt).toISOString(),
    disabledAt: iso(endpoint.disabledAt),
    consecutiveFailures: endpoint.consecutiveFailures,
    lastSuccessAt: iso(endpoint.lastSuccessAt),
    lastFailureAt: iso(endpoint.lastFailureAt),
    lastFailure: endpoint.lastFailure,
  };
}

export async function createApiWebhookEndpoint(userId: string, body: z.infer<typeof CreateWebhookEndpointBodySchema>): Promise<z.infer<typeof CreatedWebhookEndpointSchema>> {
  const { secret, endpoint } = await createWebhookEndpoint(userId, body);
  return { endpoint: toApiWebhookEndpoint(endpoint), secret };
}

export async function listApiWebhookEndpoints(userId: string): Promise<z.infer<typeof WebhookEndpointListSchema>> {
  return { items: (await listWebhookEndpoints(userId)).map(toApiWebhookEndpoint) };
}

/** Deletes one of the owner's endpoints; null when they have no such endpoint. */
export async function deleteApiWebhookEndpoint(userId: string, id: string): Promise<true | null> {
  const parsed = webhookEndpointIdInput.safeParse(id);
  if (!parsed.success) return null;
  try {
    await deleteWebhookEndpoint(userId, { endpointId: parsed.data });
    return true;
  } catch (error) {
    if (error instanceof NoSuchWebhookEndpoint) return null;
    throw error;
  }
}
