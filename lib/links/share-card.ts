import { resources } from '../aws/resources';
import { headObject, readObject, shareCardKey, writeObject } from '../storage';
import { UserError } from '../user-error';
import { renderPreviewImage } from './render-preview-image';
import type { ShareableVariant } from './share-variants';

/*
 * A link's card image is made once per shared variant and kept with the image's other derived files
 * (under its media prefix), so links to the same variant share it and deleting the image removes it.
 */

/** The card of the links to one variant, made from its JPEG the first time it is shared. */
export async function ensureShareCard(userId: string, imageId: string, variant: Pick<ShareableVariant, 'name' | 'jpegKey'>): Promise<string> {
  const key = shareCardKey(userId, imageId, variant.name);
  if (await headObject(resources.mediaBucket, key)) return key;
  const source = await readObject(resources.mediaBucket, variant.jpegKey);
  if (!source) throw new UserError('This photo is missing its files. Upload it again to share it.');
  await writeObject(resources.mediaBucket, key, await renderPreviewImage(source.body), 'image/jpeg');
  return key;
}

/** Draws the card of a variant again from its new JPEG, when the variant was shared before (its links show the new card); false when it never was. */
export async function refreshShareCard(userId: string, imageId: string, variantName: string, jpeg: Buffer): Promise<boolean> {
  const key = shareCardKey(userId, imageId, variantName);
  if (!(await headObject(resources.mediaBucket, key))) return false;
  await writeObject(resources.mediaBucket, key, await renderPreviewImage(jpeg), 'image/jpeg');
  return true;
}
