import { findSettings, saveWatermark } from '../db';
import { WatermarkSettingsSchema, type WatermarkSettings } from './transform/schemas';

/** No watermark until the owner sets one. */
const DEFAULT_WATERMARK: WatermarkSettings = { enabled: false };

// The owner's watermark, as the pipeline applies it to public variants.
export async function getWatermarkSettings(userId: string): Promise<WatermarkSettings> {
  const stored = (await findSettings(userId))?.watermark;
  const parsed = WatermarkSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_WATERMARK;
}

// Saves the owner's watermark; it applies to photos processed from now on.
export async function updateWatermarkSettings(userId: string, input: unknown): Promise<WatermarkSettings> {
  const watermark = WatermarkSettingsSchema.parse(input);
  await saveWatermark(userId, watermark);
  return watermark;
}
