import { getDb } from './client';
import { conditionally } from './conditions';

/** An amount of storage: bytes and photos. */
export interface StorageAmount {
  bytes: number;
  photos: number;
}

/** The user's usage; zero before their first upload. */
export async function findStorageUsage(userId: string): Promise<StorageAmount> {
  const { data } = await getDb().entities.storageUsage.get({ userId }).go();
  return { bytes: data?.bytes ?? 0, photos: data?.photos ?? 0 };
}

/**
 * Adds `amount` to the user's usage only if the total stays within `quota`, in one conditional
 * update: of two requests racing for the last room, one gets it. False when it would not fit.
 * DynamoDB conditions cannot add, so the condition compares the stored total with quota minus amount.
 */
export async function reserveStorage(userId: string, amount: StorageAmount, quota: StorageAmount): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.storageUsage.update({ userId })
      .add({ bytes: amount.bytes, photos: amount.photos })
      .where(
        ({ bytes, photos }, { notExists, lte }) =>
          `(${notExists(bytes)} OR ${lte(bytes, quota.bytes - amount.bytes)}) AND (${notExists(photos)} OR ${lte(photos, quota.photos - amount.photos)})`,
      )
      .go({ response: 'none' }),
  );
}

/** Adds `amount` whatever the total: for photos the user already had before quotas existed, which are kept even past the quota. */
export async function addStorage(userId: string, amount: StorageAmount): Promise<void> {
  await getDb().entities.storageUsage.update({ userId }).add({ bytes: amount.bytes, photos: amount.photos }).go({ response: 'none' });
}

/**
 * Gives `amount` back. Nothing when the usage item is gone (the account was deleted, and a late
 * release must not bring it back) or holds less than `amount` (it never goes below zero).
 */
export async function releaseStorage(userId: string, amount: StorageAmount): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.storageUsage.patch({ userId })
      .subtract({ bytes: amount.bytes, photos: amount.photos })
      .where(({ bytes, photos }, { gte }) => `${gte(bytes, amount.bytes)} AND ${gte(photos, amount.photos)}`)
      .go({ response: 'none' }),
  );
}
