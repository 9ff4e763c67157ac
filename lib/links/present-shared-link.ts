import { resources } from '../aws/resources';
import { presignDownload } from '../storage';
import type { SharedLink } from './schemas';

/** The name a downloaded copy gets: nothing of the owner's own file name leaks to viewers. */
const DOWNLOAD_FILE_NAME = 'shared-photo.jpg';

export interface PresentedLink {
  width: number;
  height: number;
  /** Short-lived presigned URLs: the WebP shown, and the JPEG fallback for old browsers. */
  imageUrl: string;
  fallbackUrl: string;
  /** A presigned URL that downloads the JPEG, when the owner allowed downloads. */
  downloadUrl: string | null;
  validUntil: number | null;
}

/** The URLs a viewer's browser needs to show an active link, signed at `now`. */
export async function presentSharedLink(link: SharedLink, now = Date.now()): Promise<PresentedLink> {
  const bucket = resources.mediaBucket;
  const [imageUrl, fallbackUrl, downloadUrl] = await Promise.all([
    presignDownload(bucket, link.webpKey, { now }),
    presignDownload(bucket, link.jpegKey, { now }),
    link.allowDownload ? presignDownload(bucket, link.jpegKey, { now, fileName: DOWNLOAD_FILE_NAME }) : null,
  ]);
  return { width: link.width, height: link.height, imageUrl, fallbackUrl, downloadUrl, validUntil: link.validUntil };
}
