import { resources } from '../aws/resources';
import { findImage, insertLink, type LinkItem } from '../db';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { headObject, readObject, variantKey, writeObject } from '../storage';
import { UserError } from '../user-error';
import { expiryTimes } from './expiry';
import { LINK_CREATE_LIMIT } from './limits';
import { newLinkCode } from './new-link-code';
import { renderPreviewImage } from './render-preview-image';
import { createLinkInput, type Link } from './schemas';
import { defaultShareVariant, shareableVariants, type ShareableVariant } from './share-variants';
import { toLink } from './to-link';

/**
 * A fresh code collides with probability ~10^-15, so a second draw is already paranoia; five
 * failures in a row mean something else is wrong (a broken random source), and it is reported.
 */
const MAX_CODE_ATTEMPTS = 5;

export interface CreateLinkOptions {
  now?: number;
  /** Draws a code; tests inject collisions through it. */
  newCode?: () => string;
}

/**
 * Shares one of the owner's images under a new short link. The owner is the caller's own user id,
 * never part of the input, so nobody can share an image that is not theirs: another user's image
 * is "not found" exactly like a missing one.
 */
export async function createLink(userId: string, input: unknown, options: CreateLinkOptions = {}): Promise<Link> {
  const { imageId, expiry, variant: wanted, allowDownload } = createLinkInput.parse(input);
  const now = options.now ?? Date.now();

  await enforceRateLimit(LINK_CREATE_LIMIT, userId, (minutes) => `You have created a lot of links recently. Try again in ${inMinutes(minutes)}.`, now);

  const image = await findImage(userId, imageId);
  if (!image) throw new UserError('That photo does not exist.');
  if (image.status !== 'ready') throw new UserError('This photo can be shared once it has been processed.');
  const variants = shareableVariants(image.variants ?? []);
  const variant = wanted === undefined ? defaultShareVariant(variants) : (variants.find((v) => v.name === wanted) ?? null);
  if (!variant) throw new UserError(wanted === undefined ? 'This photo has no size that can be shared.' : 'That size of the photo does not exist.');

  const previewKey = await ensurePreview(userId, imageId, variant);
  const link = {
    userId,
    imageId,
    fileName: image.fileName,
    variant: variant.name,
    watermarked: variant.watermarked,
    width: variant.width,
    height: variant.height,
    webpKey: variant.webpKey,
    jpegKey: variant.jpegKey,
    previewKey,
    allowDownload,
    expiry,
    ...expiryTimes(expiry, now),
    createdAt: now,
  };

  const draw = options.newCode ?? newLinkCode;
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    // A conditional put: it fails instead of overwriting when the code is already someone's link.
    const created: LinkItem | null = await insertLink({ ...link, code: draw() });
    if (created) return toLink(created, now);
  }
  throw new Error(`No free link code after ${MAX_CODE_ATTEMPTS} draws`);
}

/**
 * The card image is made once per shared variant and kept with the image's other derived files
 * (under its media prefix), so links to the same variant share it and deleting the image removes it.
 */
async function ensurePreview(userId: string, imageId: string, variant: ShareableVariant): Promise<string> {
  const key = variantKey(userId, imageId, `card-${variant.name}.jpg`);
  if (await headObject(resources.mediaBucket, key)) return key;
  const source = await readObject(resources.mediaBucket, variant.jpegKey);
  if (!source) throw new UserError('This photo is missing its files. Upload it again to share it.');
  await writeObject(resources.mediaBucket, key, await renderPreviewImage(source.body), 'image/jpeg');
  return key;
}
