import { deleteLinkDays, deleteLinks, listLinkCodesForImage } from '../db';
import { imageIdInput } from '../images/schemas';
import { forgetSharedFiles } from './forget-shared-files';
import { removeImageFromAlbums } from './remove-image-from-albums';

/**
 * Revokes every link to an image, and asks the CDN to forget their files; takes the image out of
 * its albums (removeImageFromAlbums); called before the image itself is deleted. The owner's listing is a GSI, which DynamoDB updates asynchronously (typically
 * well under a second): a link created in that instant may be missed, and then points at files that
 * are already gone.
 */
export async function revokeLinksForImage(userId: string, imageId: unknown, options: { now?: number } = {}): Promise<number> {
  const id = imageIdInput.parse(imageId);
  const now = options.now ?? Date.now();
  const codes = await listLinkCodesForImage(userId, id);
  // A custom name among them is held for 30 days: its item is gone, so nothing else would keep it.
  await deleteLinks(codes, { now });
  await deleteLinkDays(userId, codes);
  await forgetSharedFiles(userId, codes, now);
  await removeImageFromAlbums(userId, id, now);
  return codes.length;
}
