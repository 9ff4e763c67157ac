import { findStorageUsage, reserveStorage } from '../db';
import { quotaRefusal } from './format-usage';
import { STORAGE_QUOTA } from './limits';
import { QuotaExceededError } from './quota-exceeded-error';

/**
 * Counts one photo of `bytes` against the owner's quota before its upload URL exists, or refuses it
 * with what is used and what to do. The count is one conditional update, so requests racing for the
 * last room cannot all pass: whatever issues upload URLs calls this first.
 */
export async function reserveQuota(userId: string, bytes: number): Promise<void> {
  const wanted = { bytes, photos: 1 };
  if (await reserveStorage(userId, wanted, STORAGE_QUOTA)) return;
  throw new QuotaExceededError(quotaRefusal(await findStorageUsage(userId), STORAGE_QUOTA, wanted));
}
