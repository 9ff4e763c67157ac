import { getDb } from './client';
import { conditionally } from './conditions';
import type { DataExportItem } from './entities/export';

/** Records an export that was asked for; throws when the id is taken (it is a create). */
export async function insertExport(item: Pick<DataExportItem, 'userId' | 'exportId' | 'status' | 'createdAt'>): Promise<void> {
  await getDb().entities.dataExport.create(item).go({ response: 'none' });
}

/** One of the user's exports; null when there is none, or the TTL took its record some time after its archive went. */
export async function findExport(userId: string, exportId: string): Promise<DataExportItem | null> {
  const { data } = await getDb().entities.dataExport.get({ userId, exportId }).go();
  return data;
}

/** All of the user's exports at once, newest first. */
export async function listExports(userId: string): Promise<DataExportItem[]> {
  const { data } = await getDb().entities.dataExport.query.byUser({ userId }).go({ pages: 'all' });
  return data.sort((a, b) => b.createdAt - a.createdAt);
}

/** Changes an export that still exists; false when it is gone. */
export async function updateExport(
  key: { userId: string; exportId: string },
  changes: Partial<Pick<DataExportItem, 'status' | 'photosDone' | 'photosTotal' | 'bytes' | 'failureReason' | 'failureCode' | 'availableUntil' | 'expiresAt'>>,
): Promise<boolean> {
  return conditionally(getDb().entities.dataExport.patch(key).set(changes).go({ response: 'none' }));
}
