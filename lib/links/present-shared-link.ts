import { albumArchivePath } from './album-archive';
import { albumPhotoPath } from './album-files';
import type { SharedAlbumPhoto, SharedLink } from './schemas';
import { sharedFilePath } from './shared-files';

export interface PresentedLink {
  width: number;
  height: number;
  /** Paths of the site's own routes for this link, never of the bucket: the page shows no owner or image id. */
  imageUrl: string;
  fallbackUrl: string;
  /** The path that downloads the JPEG, when the owner allowed downloads. */
  downloadUrl: string | null;
  validUntil: number | null;
}

/** What a viewer's browser needs to show an active link. Each path checks the link again when it is fetched. */
export function presentSharedLink(link: SharedLink): PresentedLink {
  return {
    width: link.width,
    height: link.height,
    imageUrl: sharedFilePath(link.code, 'photo.webp'),
    fallbackUrl: sharedFilePath(link.code, 'photo.jpg'),
    downloadUrl: link.allowDownload ? sharedFilePath(link.code, 'download.jpg') : null,
    validUntil: link.validUntil,
  };
}

export interface PresentedAlbum {
  photos: { n: number; width: number; height: number; imageUrl: string; fallbackUrl: string }[];
  /** The path of the ZIP of every photo, when the owner allowed downloads. */
  downloadAllUrl: string | null;
  validUntil: number | null;
}

/** What a viewer's browser needs to show an active album: each photo under its number, never its image id. */
export function presentSharedAlbum(link: SharedLink & { photos: SharedAlbumPhoto[] }): PresentedAlbum {
  return {
    photos: link.photos.map(({ n, width, height }) => ({
      n,
      width,
      height,
      imageUrl: albumPhotoPath(link.code, n, 'photo.webp'),
      fallbackUrl: albumPhotoPath(link.code, n, 'photo.jpg'),
    })),
    downloadAllUrl: link.allowDownload ? albumArchivePath(link.code) : null,
    validUntil: link.validUntil,
  };
}
