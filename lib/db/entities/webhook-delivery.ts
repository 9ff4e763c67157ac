import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * One webhook delivery the site acted on, by the sender's delivery id (Svix's svix-id), so that the
 * same signed request sent again is refused. It lives in a partition of its own, outside any user's,
 * and names no user: what it records outlives the deletion it started, which must leave nothing
 * that names the user behind.
 */
export const WebhookDelivery = new Entity({
  model: { entity: 'webhookDelivery', version: '1', service: 'headshot' },
  attributes: {
    deliveryId: { type: 'string', required: true, readOnly: true },
    eventType: { type: 'string', required: true, readOnly: true },
    receivedAt: { type: 'number', required: true, readOnly: true },
    /** The table's TTL, in epoch seconds: long after the sender's own timestamp check refuses the request anyway. */
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    // One delivery, by its id.
    byDelivery: {
      pk: { field: table.partitionKey, composite: ['deliveryId'], casing: 'none', template: 'webhook#${deliveryId}' },
      sk: { field: table.sortKey, composite: [], casing: 'none', template: 'delivery' },
    },
  },
});

export type WebhookDeliveryItem = EntityItem<typeof WebhookDelivery>;
