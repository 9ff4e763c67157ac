import { resources } from '../aws/resources';
import { findImage, replaceImageVariants, type ImageItem, type ImageVariant } from '../db';
import { forgetImageFiles } from '../links/forget-image-files';
import { refreshShareCard } from '../links/share-card';
import { log } from '../observability/log';
import { deletePrefix, mediaPrefix, readObject, variantFileKey, writeObject } from '../storage';
import { applyWatermark, decodeImage, encodeVariant, inspectImage, planVariants, type EncodedVariant, type EnabledWatermark, type PlannedSize, type WatermarkSettings } from './transform';
import { inSharpSlot } from './transform/sharp-slots';

/**
 * What became of one photo. rerendered: its public copies now follow the settings. unchanged: they
 * already did (nothing to take off). in-flight: it is still being processed, so the pass looks at it
 * again at its end. skipped: it has nothing to share (failed, or missing its clean copies), or its
 * bytes have not arrived (its processing, still to come, reads the settings). gone: it was deleted
 * meanwhile, and what this wrote is removed.
 */
export type PhotoRerender = 'rerendered' | 'unchanged' | 'in-flight' | 'skipped' | 'gone';

const FORMATS = ['webp', 'jpeg'] as const;

/**
 * Makes one ready photo's public copies follow the owner's watermark. With it on, each public size is
 * watermarked again from the photo's clean WebP of that size (the same pixels, one encode later) and
 * written over its `-public` files, so links already made of them show the new copy, with their card
 * drawn again. With it off, the photo stops offering its watermarked copies for new links; the files
 * stay for the links already made of them, which keep what they showed, and go with the photo.
 */
export async function rerenderPublicCopies(image: ImageItem, watermark: WatermarkSettings): Promise<PhotoRerender> {
  if (image.deletingAt) return 'gone';
  if (image.status === 'processing') return 'in-flight';
  if (image.status !== 'ready' || !image.width || !image.height) return 'skipped';
  const variants = image.variants ?? [];

  if (!watermark.enabled) {
    const clean = variants.filter((variant) => !variant.watermarked);
    if (clean.length === variants.length) return 'unchanged';
    return (await replaceImageVariants(keyOf(image), clean)) ? 'rerendered' : await abandon(image);
  }

  // Every size is made before any is stored, so a photo that cannot have them all keeps what it had.
  const sizes = planVariants(image.width, image.height, image.animated ?? false).filter((size) => size.public);
  const copies: EncodedVariant[][] = [];
  for (const size of sizes) {
    const clean = await readCleanCopy(image, size);
    const files = clean ? await watermarkCleanCopy(clean, size, watermark) : null;
    if (!files) {
      log.warn('A photo misses a clean copy to watermark; left as it was', { imageId: image.imageId, size: size.size });
      return 'skipped';
    }
    copies.push(files);
  }
  const made = (await Promise.all(copies.map((files) => storeWatermarkedCopy(image, files)))).flat();

  const replaced = new Set(made.map((variant) => `${variant.name}.${variant.format}`));
  const next = [...variants.filter((variant) => !replaced.has(`${variant.name}.${variant.format}`)), ...made];
  if (!(await replaceImageVariants(keyOf(image), next))) return await abandon(image);
  // Its links' files changed under the same paths: the CDN is asked to forget the copies it keeps (lib/links/edge-cache.ts).
  await forgetImageFiles(image.userId, image.imageId);
  return 'rerendered';
}

/** The clean WebP of a public size as stored; null when the record or the bucket lacks it. */
async function readCleanCopy(image: ImageItem, size: PlannedSize): Promise<Buffer | null> {
  const clean = (image.variants ?? []).find((variant) => variant.name === `w${size.size}` && variant.format === 'webp' && !variant.watermarked);
  return clean ? ((await readObject(resources.mediaBucket, clean.key))?.body ?? null) : null;
}

/**
 * The watermarked WebP and JPEG of one public size, made from its clean WebP: the pixels processing
 * watermarked, one encode later. Null when the clean copy does not decode (it is ours, so that is
 * damage, not a format the pipeline refuses).
 */
export async function watermarkCleanCopy(cleanWebp: Buffer, size: PlannedSize, watermark: EnabledWatermark): Promise<EncodedVariant[] | null> {
  const inspected = await inspectImage(cleanWebp);
  if (!inspected.ok) return null;
  const clean = await decodeImage(cleanWebp, inspected.info, { longSide: size.longSide }).catch((error: unknown) => {
    log.warn('A clean copy did not decode', { error: String(error) });
    return null;
  });
  if (!clean) return null;
  const { image: marked } = await inSharpSlot({ kind: 'watermark' }, () => applyWatermark(clean, watermark));
  const name = `w${size.size}-public`;
  return Promise.all(FORMATS.map((format) => encodeVariant(marked, { name, format, watermarked: true })));
}

/** Stores a public size's new files over its old ones; the card of its links (if it was shared) follows. */
async function storeWatermarkedCopy(image: ImageItem, files: EncodedVariant[]): Promise<ImageVariant[]> {
  return Promise.all(
    files.map(async (file) => {
      const key = variantFileKey(image.userId, image.imageId, file);
      await writeObject(resources.mediaBucket, key, file.body, file.contentType, { cache: 'revalidate' });
      if (file.format === 'jpeg') await refreshShareCard(image.userId, image.imageId, file.name, file.body);
      return { name: file.name, key, format: file.format, width: file.width, height: file.height, bytes: file.bytes, watermarked: true };
    }),
  );
}

/** The photo could not take the new copies: when it is being deleted, what this wrote goes with the rest of its files; otherwise it is left to whatever changed it. */
async function abandon(image: ImageItem): Promise<PhotoRerender> {
  const now = await findImage(image.userId, image.imageId);
  if (now && !now.deletingAt) return 'skipped';
  await deletePrefix(resources.mediaBucket, mediaPrefix(image.userId, image.imageId));
  return 'gone';
}

function keyOf(image: ImageItem): { userId: string; imageId: string } {
  return { userId: image.userId, imageId: image.imageId };
}
