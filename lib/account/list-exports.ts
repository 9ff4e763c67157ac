import { listExports, type ExportStatus } from '../db';
import { exportArchiveKey, mediaPath } from '../storage';

/** The exports the Settings page shows: the latest few, which is all anyone needs to find the one they asked for. */
const EXPORTS_SHOWN = 3;

/** An export as its owner sees it: where it stands, and a link once its archive is ready. */
export interface ExportView {
  exportId: string;
  status: ExportStatus;
  photosDone: number;
  photosTotal: number;
  bytes: number | null;
  createdAt: number;
  availableUntil: number | null;
  /** Ready once, but its archive is past its retention and gone (or going) from the bucket. */
  expired: boolean;
  failureReason: string | null;
  /** The archive's path under /media/ (lib/storage/media-paths.ts), which the owner's media cookie opens. */
  downloadUrl: string | null;
  /** What the browser saves it as (the link's `download`). */
  downloadName: string;
}

// The owner's latest exports, newest first, each ready one with a download link.
export async function listOwnExports(userId: string, now = Date.now()): Promise<ExportView[]> {
  const items = (await listExports(userId)).slice(0, EXPORTS_SHOWN);
  return Promise.all(
    items.map(async (item) => {
      const expired = item.status === 'ready' && (item.availableUntil ?? 0) <= now;
      const downloadable = item.status === 'ready' && !expired;
      return {
        exportId: item.exportId,
        status: item.status,
        photosDone: item.photosDone,
        photosTotal: item.photosTotal,
        bytes: item.bytes ?? null,
        createdAt: item.createdAt,
        availableUntil: item.availableUntil ?? null,
        expired,
        failureReason: item.status === 'failed' ? (item.failureReason ?? 'The export failed. Please ask for it again.') : null,
        downloadUrl: downloadable ? mediaPath(exportArchiveKey(userId, item.exportId)) : null,
        downloadName: archiveFileName(item.createdAt),
      };
    }),
  );
}

/** What the browser saves the archive as: headshot-export-2026-05-01.zip, by the day it was asked for (UTC). */
export function archiveFileName(createdAt: number): string {
  return `headshot-export-${new Date(createdAt).toISOString().slice(0, 10)}.zip`;
}
