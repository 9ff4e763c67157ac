import { findSettings, saveWatermark } from '../db';
import { WatermarkSettingsSchema, type WatermarkSettings } from './transform/schemas';

/** No watermark until the owner sets one. */
const DEFAULT_WATERMARK: WatermarkSettings = { enabled: false };

/** The owner's watermark and when their settings were last saved (null before the first save): photos uploaded since were processed with it. */
export async function readWatermarkSettings(userId: string): Promise<{ watermark: WatermarkSettings; savedAt: number | null }> {
  const stored = await findSettings(userId);
  const parsed = WatermarkSettingsSchema.safeParse(stored?.watermark);
  return { watermark: parsed.success ? parsed.data : DEFAULT_WATERMARK, savedAt: stored?.updatedAt ?? null };
}

// The owner's watermark, as the pipeline applies it to public variants.
export async function getWatermarkSettings(userId: string): Promise<WatermarkSettings> {
  return (await readWatermarkSettings(userId)).watermark;
}

// Saves the owner's watermark; it applies to photos processed from now on, and to older ones when the owner asks (rerender-watermarks).
export async function updateWatermarkSettings(userId: string, input: unknown): Promise<WatermarkSettings> {
  const watermark = WatermarkSettingsSchema.parse(input);
  await saveWatermark(userId, watermark);
  return watermark;
}
