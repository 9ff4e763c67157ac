import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

export const EXPORT_STATUSES = ['queued', 'running', 'ready', 'failed'] as const;

/** One export of a user's data: its progress while it runs, its archive once ready. */
export const DataExport = new Entity({
  model: { entity: 'dataExport', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    exportId: { type: 'string', required: true, readOnly: true },
    status: { type: EXPORT_STATUSES, required: true },
    /** Photos written into the archive so far, of photosTotal. */
    photosDone: { type: 'number', required: true, default: 0 },
    photosTotal: { type: 'number', required: true, default: 0 },
    bytes: { type: 'number' },
    failureReason: { type: 'string' },
    failureCode: { type: 'string' },
    createdAt: { type: 'number', required: true, readOnly: true, default: () => Date.now() },
    /** Epoch ms after which the archive is gone (the bucket's lifecycle rule removes it). */
    availableUntil: { type: 'number' },
    /** The table's TTL, in epoch seconds: the record goes some time after its archive. */
    expiresAt: { type: 'number' },
  },
  indexes: {
    // One export, and every export of a user.
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['exportId'], casing: 'none' },
    },
  },
});

export type DataExportItem = EntityItem<typeof DataExport>;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
