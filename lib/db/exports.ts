import { getDb } from './client';
import { conditionally } from './conditions';
import type { DataExportItem } from './entities/export';

export async function insertExport(item: Pick<DataExportItem, 'userId' | 'exportId' | 'status' | 'createdAt'>): Promise<void> {
  await getDb().entities.dataExport.create(item).go({ response: 'none' });
}

export async function findExport(userId: string, exportId: string): Promise<DataExportItem | null> {
  const { data } = await getDb().entities.dataExport.get({ userId, exportId }).go();
  return data;
}

// The user's exports, newest first.
export async function listExports(userId: string): Promise<DataExportItem[]> {
  const { data } = await getDb().entities.dataExport.query.byUser({ userId }).go({ pages: 'all' });
  return data.sort((a, b) => b.createdAt - a.createdAt);
}

// Changes an export that still exists; false when it is gone.
export async function updateExport(
  key: { userId: string; exportId: string },
  changes: Partial<Pick<DataExportItem, 'status' | 'photosDone' | 'photosTotal' | 'bytes' | 'failureReason' | 'failureCode' | 'availableUntil' | 'expiresAt'>>,
): Promise<boolean> {
  return conditionally(getDb().entities.dataExport.patch(key).set(changes).go({ response: 'none' }));
}
