import { resources } from '../aws/resources';
import { findImage } from '../db';
import { headObject, presignDownload } from '../storage';
import { imageIdInput } from './schemas';

/**
 * A link that downloads the owner's original file, under its own name; null when there is none to
 * give. A ready photo keeps its original (a refused one loses it), but the uploads bucket may expire
 * originals after some days (infra/storage.ts), so it is looked for rather than assumed.
 */
export async function getOriginalDownload(userId: string, imageId: unknown): Promise<string | null> {
  const parsed = imageIdInput.safeParse(imageId);
  if (!parsed.success) return null;
  const image = await findImage(userId, parsed.data);
  if (!image || image.deletingAt || image.status !== 'ready') return null;
  if (!(await headObject(resources.uploadsBucket, image.originalKey))) return null;
  return presignDownload(resources.uploadsBucket, image.originalKey, { fileName: downloadName(image.fileName) });
}

/** The owner's file name, kept to characters every browser reads from a Content-Disposition header. */
function downloadName(fileName: string): string {
  return fileName.replace(/[^\w.-]+/g, '-') || 'original';
}
