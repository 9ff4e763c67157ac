import { Entity } from 'electrodb';
import { table } from '../table';

/**
 * How many webhook endpoints a user holds, changed only by conditional ADDs: two creations racing
 * for the last slot cannot both have it. In the user's partition, so an account deletion takes it too.
 */
export const WebhookEndpointSlots = new Entity({
  model: { entity: 'webhookEndpointSlots', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    used: { type: 'number', required: true, default: 0 },
  },
  indexes: {
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: [], casing: 'none' },
    },
  },
});
