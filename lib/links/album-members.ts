import { findImage, type AlbumMember } from '../db';
import { UserError } from '../user-error';
import { defaultShareVariant, shareableVariants } from './share-variants';

/**
 * The members of a new album, numbered 1… in the order asked (a photo named twice is kept once).
 * Every image is read under the caller's own user id, so an album can hold only the caller's
 * photos: one that is someone else's, missing, not processed or without the size asked for refuses
 * the whole album, saying which (by its place in the list: the caller knows the id), before anything is written.
 */
export async function albumMembers(userId: string, imageIds: readonly string[], wanted: string | undefined): Promise<{ members: AlbumMember[]; coverFileName: string }> {
  const unique = [...new Set(imageIds)];
  const images = await Promise.all(unique.map((imageId) => findImage(userId, imageId)));
  const members = unique.map((imageId, index): AlbumMember => {
    const image = images[index];
    const which = `Photo ${imageIds.indexOf(imageId) + 1} of the album (imageIds[${imageIds.indexOf(imageId)}])`;
    if (!image) throw new UserError(`${which} does not exist, so the album was not created.`);
    if (image.status !== 'ready') throw new UserError(`${which} can be shared once it has been processed; the album was not created.`);
    const variants = shareableVariants(image.variants ?? []);
    const variant = wanted === undefined ? defaultShareVariant(variants) : variants.find((v) => v.name === wanted);
    if (!variant) throw new UserError(wanted === undefined ? `${which} has no size that can be shared; the album was not created.` : `${which} has no size ${wanted}; the album was not created.`);
    const { name, watermarked, width, height, webpKey, jpegKey } = variant;
    return { n: index + 1, imageId, variant: name, watermarked, width, height, webpKey, jpegKey };
  });
  return { members, coverFileName: images[0]!.fileName };
}
