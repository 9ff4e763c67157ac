import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * The first answer to a POST of the API sent with an `Idempotency-Key`, kept so a retry with the same
 * key gets that answer again instead of creating a second thing. Written first as `pending` by a
 * conditional put, so of two retries racing only one runs the operation. In the owner's partition,
 * so an account deletion takes it with the rest; the table's TTL removes it after 24 hours.
 */
export const IdempotencyRecord = new Entity({
  model: { entity: 'idempotencyRecord', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    /** The client's key, as sent. */
    idempotencyKey: { type: 'string', required: true, readOnly: true },
    /** SHA-256 of the operation, its path and its body: the same key with another request is refused. */
    fingerprint: { type: 'string', required: true, readOnly: true },
    state: { type: ['pending', 'done'] as const, required: true },
    /** Epoch seconds the key was taken: a pending record older than the lease was left by a request that died. */
    claimedAt: { type: 'number', required: true },
    /** The answer's status and JSON body, once done. */
    status: { type: 'number' },
    body: { type: 'string' },
    /** Epoch seconds after which the key may be used again; the table's TTL attribute. */
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['idempotencyKey'], casing: 'none' },
    },
  },
});

export type IdempotencyRecordItem = EntityItem<typeof IdempotencyRecord>;
