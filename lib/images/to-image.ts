import { resources } from '../aws/resources';
import type { ImageItem, ImageVariant } from '../db';
import { FAILURE_CODE } from '../jobs/failure-codes';
import { mediaLink, presignDownload, type MediaLinks } from '../storage';
import type { Image, SignedVariant } from './schemas';

/** The smallest variant is the grid's thumbnail. */
const THUMBNAIL_VARIANT = 'w256';
/** The grid's source for screens with two pixels or more per point, or cards wider than the thumbnail. */
const THUMBNAIL_2X_VARIANT = 'w640';

export interface ImageView {
  variants: 'all' | 'thumbnail';
  /** The pages link to the site's /media/ paths, the same on every visit (the default); the API to presigned URLs (lib/storage/media-links.ts). */
  links?: MediaLinks;
}

/**
 * Translates a stored image into what the owner's pages or the API show, with links to its files. The
 * grid needs only the thumbnail, so only the detail page pays for every variant's two links. A
 * download link is presigned either way: it names the saved file (Content-Disposition), and is
 * fetched once, when asked for.
 */
export async function toImage(item: ImageItem, options: ImageView = { variants: 'all' }): Promise<Image> {
  const links = options.links ?? 'site';
  const stored = item.variants ?? [];
  const cleanWebp = (name: string) => stored.find((v) => v.name === name && v.format === 'webp' && !v.watermarked);
  const thumbnail = cleanWebp(THUMBNAIL_VARIANT);
  const larger = cleanWebp(THUMBNAIL_2X_VARIANT);
  // At most two links a card, whatever the mode: the grid's page makes one card per photo.
  const [thumbnailUrl, largerUrl, variants] = await Promise.all([
    thumbnail ? mediaLink(thumbnail.key, links) : null,
    larger ? mediaLink(larger.key, links) : null,
    options.variants === 'all' ? Promise.all(stored.map((variant) => withLinks(item, variant, links))) : [],
  ]);
  return {
    imageId: item.imageId,
    fileName: item.fileName,
    status: item.status,
    failureReason: item.failureReason ?? null,
    deadLettered: item.failureCode === FAILURE_CODE.deadLetter,
    createdAt: item.createdAt,
    format: item.format ?? null,
    width: item.width ?? null,
    height: item.height ?? null,
    bytes: item.bytes ?? null,
    hasAlpha: item.hasAlpha ?? null,
    animated: item.animated ?? null,
    placeholder: item.placeholder ?? null,
    blurDataUrl: item.blurDataUrl ?? null,
    camera: item.camera ?? null,
    thumbnailUrl,
    thumbnailSrcSet: thumbnail && thumbnailUrl && larger && largerUrl ? `${thumbnailUrl} ${thumbnail.width}w, ${largerUrl} ${larger.width}w` : null,
    variants,
    faceIndex: item.faceIndex
      ? {
          status: item.faceIndex.status,
          faces: item.faceIndex.faces ?? null,
          failureReason: item.faceIndex.failureReason ?? null,
          deadLettered: item.faceIndex.failureCode === FAILURE_CODE.deadLetter,
        }
      : null,
  };
}

/** A variant with the link that shows it, and no download link. */
export type ViewedVariant = Omit<SignedVariant, 'downloadUrl'>;

/** A stored variant as its owner sees it, with its view link. */
export async function viewedVariant(variant: ImageVariant, links: MediaLinks): Promise<ViewedVariant> {
  return {
    name: variant.name,
    format: variant.format,
    width: variant.width,
    height: variant.height,
    bytes: variant.bytes,
    watermarked: variant.watermarked ?? false,
    url: await mediaLink(variant.key, links),
  };
}

async function withLinks(item: ImageItem, variant: ImageVariant, links: MediaLinks): Promise<SignedVariant> {
  return {
    ...(await viewedVariant(variant, links)),
    downloadUrl: await presignDownload(resources.mediaBucket, variant.key, {
      fileName: `${baseName(item.fileName)}-${variant.name}.${variant.format}`,
    }),
  };
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-') || 'image';
}
