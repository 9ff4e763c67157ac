import { resources } from '../aws/resources';
import { findReadyPhoto, type ReadyPhotoStatus } from '../db';
import { imageIdInput } from '../images/schemas';
import { mediaPath, presignDownload } from '../storage';
import { ReadyOptionsSchema, ReadyOutcomeSchema, ReadyResultSchema, type ReadyOptions, type ReadyOutcome } from './schemas';

export interface ReadyPhotoView {
  status: ReadyPhotoStatus;
  failureReason: string | null;
  options: ReadyOptions;
  /** The result, with its /media/ path to show it (its key is the request's own, so the browser keeps it) and a link to download it; null until it is made. */
  result: { width: number; height: number; bytes: number; url: string; downloadUrl: string } | null;
  outcome: ReadyOutcome | null;
  savedImageId: string | null;
}

/** The LinkedIn-ready photo of one of the owner's images, with links to it; null when none was asked for. */
export async function getReadyPhoto(userId: string, imageId: unknown): Promise<ReadyPhotoView | null> {
  const id = imageIdInput.safeParse(imageId);
  if (!id.success) return null;
  const item = await findReadyPhoto({ userId, imageId: id.data });
  if (!item || item.deletingAt) return null;
  const stored = item.status === 'ready' && item.result !== undefined ? ReadyResultSchema.parse(item.result) : null;
  const result = stored
    ? {
        width: stored.width,
        height: stored.height,
        bytes: stored.bytes,
        url: mediaPath(stored.key),
        downloadUrl: await presignDownload(resources.mediaBucket, stored.key, { fileName: 'linkedin-ready.jpg' }),
      }
    : null;
  return {
    status: item.status,
    failureReason: item.failureReason ?? null,
    options: ReadyOptionsSchema.parse(item.options),
    result,
    outcome: item.outcome === undefined ? null : ReadyOutcomeSchema.parse(item.outcome),
    savedImageId: item.savedImageId ?? null,
  };
}
