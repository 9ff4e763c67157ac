import { findWatermarkRerender, listImagesOlderThan, type WatermarkRerenderItem } from '../db';
import type { WatermarkRerenderView } from './schemas';
import { WatermarkSettingsSchema } from './transform/schemas';
import { readWatermarkSettings } from './watermark-settings';

/** Whether a re-render is queued or running: asking again then starts nothing, and the share form has something to say. */
export function rerenderInFlight(record: Pick<WatermarkRerenderItem, 'status'> | null): boolean {
  return record?.status === 'queued' || record?.status === 'running';
}

/**
 * Where applying the owner's watermark to the photos they already have stands, for the settings page:
 * its progress while it runs, and whether to offer it, which is while photos uploaded before the
 * settings were saved have not had them (a pass for them has not finished since).
 */
export async function getWatermarkRerender(userId: string): Promise<WatermarkRerenderView> {
  const [record, settings] = await Promise.all([findWatermarkRerender(userId), readWatermarkSettings(userId)]);
  const running = rerenderInFlight(record);
  // While it runs, it is about the settings it applies; otherwise about the saved ones, which an offer would apply.
  const watermark = running && record ? WatermarkSettingsSchema.parse(record.watermark) : settings.watermark;
  const applied = record?.status === 'done' && record.settingsSavedAt === settings.savedAt;
  const offer = !running && !applied && settings.savedAt !== null && (await hasPhotosOlderThan(userId, settings.savedAt));
  return {
    state: record?.status ?? 'none',
    action: watermark.enabled ? 'apply' : 'remove',
    photosDone: Math.min(record?.photosDone ?? 0, record?.photosTotal ?? 0),
    photosTotal: record?.photosTotal ?? 0,
    failureReason: record?.status === 'failed' ? (record.failureReason ?? null) : null,
    offer,
  };
}

async function hasPhotosOlderThan(userId: string, createdAt: number): Promise<boolean> {
  return (await listImagesOlderThan(userId, { createdAt, inclusive: false }, { limit: 1 })).items.length > 0;
}
