import { z } from 'zod';

/*
 * Zod only, and no server code: the settings page's form reads these too.
 */

/** What an endpoint can ask to be sent; each is emitted where it happens (docs/webhooks.md). */
export const WEBHOOK_EVENT_TYPES = ['image.ready', 'image.failed', 'analysis.ready', 'link.viewed', 'account.deleted'] as const;

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

const endpointIdPattern = /^ep_[A-Za-z0-9_-]{16}$/;
export const webhookEndpointIdInput = z.string().regex(endpointIdPattern, 'Not a webhook endpoint id.');

/** Where a webhook may go, before the address checks that need DNS (target-policy.ts): a URL with a host, no credentials, at most 2000 characters. */
export const webhookUrlInput = z
  .string()
  .trim()
  .max(2000, 'A webhook URL has at most 2000 characters.')
  .pipe(z.url({ protocol: /^https?$/, error: 'Give a URL that starts with https://.' }))
  .refine((url) => {
    const parsed = new URL(url);
    return !parsed.username && !parsed.password;
  }, 'A webhook URL cannot carry a user name or password.');

export const createWebhookEndpointInput = z.object({
  url: webhookUrlInput,
  events: z
    .array(WebhookEventTypeSchema)
    .min(1, 'Choose at least one event.')
    .transform((events) => [...new Set(events)].sort()),
});
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointInput>;

export const deleteWebhookEndpointInput = z.object({ endpointId: webhookEndpointIdInput });

/** An endpoint as its owner sees it listed: never its secret, which exists only in the answer that made it. */
export const WebhookEndpointSchema = z.object({
  endpointId: z.string(),
  url: z.string(),
  events: z.array(WebhookEventTypeSchema),
  createdAt: z.number().int(),
  state: z.enum(['active', 'disabled']),
  disabledAt: z.number().int().nullable(),
  consecutiveFailures: z.number().int(),
  lastSuccessAt: z.number().int().nullable(),
  lastFailureAt: z.number().int().nullable(),
  lastFailure: z.string().nullable(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/** The body of every delivery, as the Standard Webhooks spec shapes it. */
export const WebhookPayloadSchema = z.object({
  type: WebhookEventTypeSchema,
  /** When the event happened, ISO 8601. */
  timestamp: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/**
 * A delivery's trigger object: which endpoint, the message id (the `webhook-id` header, the same on
 * every attempt) and the payload. `target` is set for an event whose endpoint will be gone before it is
 * delivered (account.deleted): the URL and encrypted secret, captured when it was emitted.
 */
export const DeliveryRequestSchema = z.object({
  endpointId: webhookEndpointIdInput,
  messageId: z.string().regex(/^msg_[A-Za-z0-9_-]{1,64}$/),
  payload: WebhookPayloadSchema,
  target: z.object({ url: z.string(), encryptedSecret: z.string() }).optional(),
});
export type DeliveryRequest = z.infer<typeof DeliveryRequestSchema>;
