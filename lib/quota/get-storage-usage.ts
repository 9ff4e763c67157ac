import { findStorageUsage, type StorageAmount } from '../db';
import { STORAGE_QUOTA } from './limits';

/** What the user's photos hold of their quota, and the quota. */
export async function getStorageUsage(userId: string): Promise<{ used: StorageAmount; quota: StorageAmount }> {
  return { used: await findStorageUsage(userId), quota: STORAGE_QUOTA };
}
