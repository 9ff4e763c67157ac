import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/**
 * The fact that an account is being deleted, or was: written before the deletion starts, so that
 * nothing new is written for the account while it runs, and kept a day after it ends (the table's
 * TTL), while a session token signed before it may still be presented. It lives apart from the
 * user's own partition, which the deletion empties, and holds nothing of theirs but the id.
 */
export const AccountClosure = new Entity({
  model: { entity: 'accountClosure', version: '1', service: 'headshot' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    requestedAt: { type: 'number', required: true, readOnly: true },
    /** Epoch seconds; set when the deletion is over. */
    expiresAt: { type: 'number' },
  },
  indexes: {
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none', template: 'closed#${userId}' },
      sk: { field: table.sortKey, composite: [], casing: 'none', template: 'closed' },
    },
  },
});

export type AccountClosureItem = EntityItem<typeof AccountClosure>;

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
    byUser: {
      pk: { field: table.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.sortKey, composite: ['exportId'], casing: 'none' },
    },
  },
});

export type DataExportItem = EntityItem<typeof DataExport>;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
