import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * An HTTPS endpoint a user has Headshot send events to (lib/webhooks). Its signing secret has to be
 * usable to sign, so it cannot be hashed like an API token's: it is stored encrypted (AES-256-GCM
 * under a key derived from the sign-in secret, bound to this user and endpoint), and only the
 * deliver-webhook function and the site hold that key. In its owner's partition, so an account
 * deletion takes it with the rest.
 */
export const WebhookEndpoint = new Entity({
  model: { entity: 'webhookEndpoint', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    endpointId: { type: 'string', required: true, readOnly: true },
    url: { type: 'string', required: true, readOnly: true },
    /** lib/webhooks/schemas.ts WEBHOOK_EVENT_TYPES. */
    events: { type: 'set', items: 'string', required: true, readOnly: true },
    /** The whsec_ secret, encrypted (lib/webhooks/signing-secret.ts). */
    encryptedSecret: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'number', required: true, readOnly: true },
    /** Deliveries given up on since the last one that succeeded; reaching the limit disables the endpoint. */
    consecutiveFailures: { type: 'number', required: true, default: 0 },
    lastSuccessAt: { type: 'number' },
    lastFailureAt: { type: 'number' },
    /** Why the last delivery failed, in a sentence for the owner (a status code, a refusal), never a stack. */
    lastFailure: { type: 'string' },
    /** When it was disabled after repeated failures; absent while it is active. */
    disabledAt: { type: 'number' },
  },
  indexes: {
    // One endpoint, and every endpoint of a user (emission reads them all with one query).
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['endpointId'], casing: 'none' },
    },
  },
});

export type WebhookEndpointItem = EntityItem<typeof WebhookEndpoint>;
