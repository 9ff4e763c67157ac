import { Entity } from 'electrodb';
import { table } from '../table';

/**
 * How many of something a user holds (API tokens, webhook endpoints), changed only by conditional
 * ADDs (lib/db/slots.ts): two creations racing for the last slot cannot both have it. In the user's
 * partition, so an account deletion takes it too. One entity per counted thing, each named for it.
 */
export function slotCounter<Name extends string>(entity: Name) {
  return new Entity({
    model: { entity, version: '1', service: 'headshot' },
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
}
