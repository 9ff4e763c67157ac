import { getDb } from './client';
import type { SettingsItem } from './entities/settings';

/** The user's settings, or null before they first save any. */
export async function findSettings(userId: string): Promise<SettingsItem | null> {
  const { data } = await getDb().entities.settings.get({ userId }).go();
  return data;
}

/** Replaces the user's watermark setting, creating their settings on the first save. */
export async function saveWatermark(userId: string, watermark: SettingsItem['watermark']): Promise<void> {
  await getDb().entities.settings.upsert({ userId, watermark }).go();
}
