import { resources } from '../aws/resources';
import { deleteLinks, findLinkByCode, listAlbumsWithImage, replaceAlbumMembers } from '../db';
import { deleteObjects } from '../storage';
import { albumPhotoPaths } from './album-files';
import { cardMembers, redrawAlbumCard } from './album-card';
import { requestInvalidation } from '../cdn';
import { linkFilePaths, sharedFilePath } from './shared-files';
import { linkState } from './to-link';

/** Two photos of one album deleted at once conflict once each at most; more means something else keeps writing. */
const MAX_ATTEMPTS = 10;

/**
 * Takes an image out of every album of its owner's that holds it; called before the image itself is
 * deleted. Its files stop at once (the album no longer lists it), and the CDN is asked to forget
 * them, with the album's card when the photo was on it (the card is drawn again without it). An
 * album left empty is deleted, and then answers exactly like a revoked link. Answers how many albums
 * held the image. The listing is a GSI, so, as for photo links, an album made in the very instant
 * before may be missed.
 */
export async function removeImageFromAlbums(userId: string, imageId: string, now = Date.now()): Promise<number> {
  const albums = await listAlbumsWithImage(userId, imageId);
  const paths: string[] = [];
  for (const { code } of albums) paths.push(...(await removeFromAlbum(userId, code, imageId, now)));
  if (paths.length > 0) await requestInvalidation(userId, paths, now);
  return albums.length;
}

/** Removes the image from one album; answers the paths of the album's files that it ended or changed. */
async function removeFromAlbum(userId: string, code: string, imageId: string, now: number): Promise<string[]> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const album = await findLinkByCode(code);
    if (!album || album.userId !== userId || !album.members) return [];
    const leaving = album.members.find((member) => member.imageId === imageId);
    if (!leaving) return [];
    const members = album.members.filter((member) => member !== leaving);
    if (members.length === 0) {
      // A custom name among them is held for 30 days, as when a photo link goes with its photo.
      await deleteLinks([code], { now });
      return linkFilePaths(code, album.members);
    }
    const active = linkState(album, now) === 'active';
    const onCard = active && cardMembers(album.members).includes(leaving);
    const previewKey = onCard ? ((await redrawAlbumCard(userId, members)) ?? album.previewKey) : album.previewKey;
    if (await replaceAlbumMembers(userId, code, album.revision ?? 0, { members, previewKey })) {
      if (previewKey !== album.previewKey) await deleteObjects(resources.mediaBucket, [album.previewKey]);
      // An ended album's files are refused already, and were forgotten when it ended.
      if (!active) return [];
      return [...albumPhotoPaths(code, leaving.n), ...(onCard ? [sharedFilePath(code, 'card.jpg')] : [])];
    }
    // Someone changed the album since it was read (another of its photos left): read it again.
    if (previewKey !== album.previewKey) await deleteObjects(resources.mediaBucket, [previewKey]);
  }
  throw new Error(`Album ${code} kept changing while a photo was being removed from it; retry`);
}
