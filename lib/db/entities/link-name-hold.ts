import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/** A custom name's shape: lower case, so that a name read aloud or off a printout is typed back exactly. */
export const LINK_NAME_PATTERN = /^[a-z0-9-]{3,40}$/;

/** How long a name stays out of use after its link ends: as long as an ended link item is kept (GONE_RETENTION_DAYS). */
export const LINK_NAME_HOLD_DAYS = 30;
export const LINK_NAME_HOLD_MS = LINK_NAME_HOLD_DAYS * 24 * 60 * 60 * 1000;

/**
 * A custom link name kept out of use after its link item was deleted (with its photo or its
 * account) before the 30 days of cooling-off had passed. Revoked and expired links need no hold:
 * their item stays until then and blocks the name itself. The hold outlives the account it came
 * from, so it holds nothing of the owner: only the name and until when.
 */
export const LinkNameHold = new Entity({
  model: { entity: 'linkNameHold', version: '1', service: 'headshot' },
  attributes: {
    name: { type: 'string', required: true, readOnly: true },
    /** Epoch ms from which the name may be taken again. */
    until: { type: 'number', required: true },
    /** The table's TTL, epoch seconds: the hold is useless after `until`. */
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    // One hold per name, in its own partition, apart from the link's.
    byName: {
      pk: { field: table.partitionKey, composite: ['name'], casing: 'none', template: 'linkname#${name}' },
      sk: { field: table.sortKey, composite: [], casing: 'none', template: 'hold' },
    },
  },
});

export type LinkNameHoldItem = EntityItem<typeof LinkNameHold>;
