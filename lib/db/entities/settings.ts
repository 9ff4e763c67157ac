import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';
import { WATERMARK_POSITIONS } from '../../images/transform/schemas';

/** A watermark setting as stored (lib/images' schema checks it when it is read): here, and in what a watermark re-render applies. */
export const watermarkAttribute = {
  type: 'map',
  required: true,
  properties: {
    enabled: { type: 'boolean', required: true },
    text: { type: 'string' },
    position: { type: WATERMARK_POSITIONS },
    opacity: { type: 'number' },
  },
} as const;

/** A user's preferences. One item per user, created on first save. */
export const Settings = new Entity({
  model: { entity: 'settings', version: '2', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    watermark: watermarkAttribute,
    updatedAt: { type: 'number', watch: '*', set: () => Date.now(), default: () => Date.now() },
  },
  indexes: {
    // The user's settings.
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: [], casing: 'none' },
    },
  },
});

export type SettingsItem = EntityItem<typeof Settings>;
