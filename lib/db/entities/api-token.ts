import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';
import { slotCounter } from './slot-counter';

/**
 * A personal API token. The secret is never stored, only its SHA-256: the token is shown once, and a
 * leak of the table does not leak working tokens. It lives in its owner's partition, so the token
 * names its owner and is read with one GetItem, and an account deletion empties it with the rest.
 */
export const ApiToken = new Entity({
  model: { entity: 'apiToken', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    tokenId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true, readOnly: true },
    /** lib/api-tokens/schemas.ts API_TOKEN_SCOPES. */
    scopes: { type: 'set', items: 'string', required: true, readOnly: true },
    /** SHA-256 of the secret, base64url. */
    secretHash: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'number', required: true, readOnly: true },
    /** Epoch ms after which the token is refused; absent for a token without expiry. */
    validUntil: { type: 'number', readOnly: true },
    /** Epoch ms of its last accepted use, kept to the minute. */
    lastUsedAt: { type: 'number' },
    /** The table's TTL attribute, in epoch seconds: a while after validUntil, so an expired token stays listed as expired. */
    expiresAt: { type: 'number', readOnly: true },
  },
  indexes: {
    // One token, and every token of a user.
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['tokenId'], casing: 'none' },
    },
  },
});

export type ApiTokenItem = EntityItem<typeof ApiToken>;

/** How many tokens a user holds (see slotCounter). */
export const ApiTokenSlots = slotCounter('apiTokenSlots');
