import { findImage, findWatermarkRerender } from '../db';
import { rerenderInFlight } from './rerender-watermarks-status';
import { imageIdInput, type ShareCopyNotice } from './schemas';
import { WatermarkSettingsSchema } from './transform/schemas';

/**
 * While the owner's watermark settings are being applied to their photos, whether this photo has had
 * them yet, so the share form can say which copy a link made now shows; null when nothing is running
 * (or the photo is not theirs). A pass goes newest first through the photos uploaded before the
 * settings were saved, so a photo uploaded since, or newer than the last one it went through, has.
 */
export async function getShareCopyNotice(userId: string, imageId: unknown): Promise<ShareCopyNotice | null> {
  const id = imageIdInput.safeParse(imageId);
  if (!id.success) return null;
  const [record, image] = await Promise.all([findWatermarkRerender(userId), findImage(userId, id.data)]);
  if (!record || !image || !rerenderInFlight(record)) return null;
  const { doneThrough } = record;
  const passed =
    doneThrough !== undefined && (image.createdAt > doneThrough || (image.createdAt === doneThrough && (record.boundaryIds ?? []).includes(image.imageId)));
  return {
    action: WatermarkSettingsSchema.parse(record.watermark).enabled ? 'apply' : 'remove',
    photosDone: Math.min(record.photosDone, record.photosTotal),
    photosTotal: record.photosTotal,
    photoUpdated: image.createdAt >= record.settingsSavedAt || passed,
  };
}
