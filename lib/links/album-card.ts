import { customAlphabet } from 'nanoid';
import { resources } from '../aws/resources';
import type { AlbumMember } from '../db';
import { albumCardKey, readObject, writeObject } from '../storage';
import { UserError } from '../user-error';
import { ALBUM_CARD_PHOTOS } from './album-limits';
import { renderAlbumCard } from './render-album-card';

const cardId = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 16);

/** Which members the card shows: the first few, so a card changes only when one of those leaves. */
export function cardMembers(members: readonly AlbumMember[]): AlbumMember[] {
  return members.slice(0, ALBUM_CARD_PHOTOS);
}

/** Draws an album's card from the JPEGs of its first photos and stores it under the first one's media prefix; answers its key. */
export async function ensureAlbumCard(userId: string, members: readonly AlbumMember[]): Promise<string> {
  const shown = cardMembers(members);
  const sources = await Promise.all(shown.map((member) => readObject(resources.mediaBucket, member.jpegKey)));
  if (sources.some((source) => !source)) throw new UserError('A photo of the album is missing its files. Upload it again to share it.');
  return storeCard(userId, shown[0]!.imageId, sources.map((source) => source!.body));
}

/**
 * The card again, after a photo of it left the album; drawn from those of the first photos whose
 * files are still there (another may be being deleted at the same moment: its own removal draws
 * the card once more). Null when none is.
 */
export async function redrawAlbumCard(userId: string, members: readonly AlbumMember[]): Promise<string | null> {
  const shown = cardMembers(members);
  const sources = await Promise.all(shown.map(async (member) => ({ member, source: await readObject(resources.mediaBucket, member.jpegKey) })));
  const found = sources.filter((entry) => entry.source !== null);
  if (found.length === 0) return null;
  return storeCard(userId, found[0]!.member.imageId, found.map((entry) => entry.source!.body));
}

async function storeCard(userId: string, imageId: string, sources: Buffer[]): Promise<string> {
  const key = albumCardKey(userId, imageId, cardId());
  await writeObject(resources.mediaBucket, key, await renderAlbumCard(sources), 'image/jpeg');
  return key;
}
