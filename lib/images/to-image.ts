import { resources } from '../aws/resources';
import type { ImageItem, ImageVariant } from '../db';
import { FAILURE_CODE } from '../jobs/failure-codes';
import { presignDownload } from '../storage';
import type { Image } from './schemas';

/** The smallest variant is the grid's thumbnail. */
const THUMBNAIL_VARIANT = 'w256';

/**
 * Translates a stored image into what the owner's pages show, with short-lived links. The grid
 * needs only the thumbnail, so only the detail page pays for signing every variant's two links.
 */
export async function toImage(item: ImageItem, options: { variants: 'all' | 'thumbnail' } = { variants: 'all' }): Promise<Image> {
  const stored = item.variants ?? [];
  const thumbnailKey = stored.find((v) => v.name === THUMBNAIL_VARIANT && v.format === 'webp' && !v.watermarked)?.key;
  const variants = options.variants === 'all' ? await Promise.all(stored.map((variant) => withLinks(item, variant))) : [];
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
    camera: item.camera ?? null,
    thumbnailUrl: thumbnailKey ? await presignDownload(resources.mediaBucket, thumbnailKey) : null,
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

async function withLinks(item: ImageItem, variant: ImageVariant) {
  return {
    name: variant.name,
    format: variant.format,
    width: variant.width,
    height: variant.height,
    bytes: variant.bytes,
    watermarked: variant.watermarked ?? false,
    url: await presignDownload(resources.mediaBucket, variant.key),
    downloadUrl: await presignDownload(resources.mediaBucket, variant.key, {
      fileName: `${baseName(item.fileName)}-${variant.name}.${variant.format}`,
    }),
  };
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-') || 'image';
}
