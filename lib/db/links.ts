import { getDb, type Page } from './client';
import type { AlbumMember, LinkItem } from './entities/link';
import { LINK_NAME_HOLD_MS, LINK_NAME_PATTERN } from './entities/link-name-hold';
import { conditionalResult, conditionally } from './conditions';
import { checkedCursor } from './cursor';

type NewLink = Omit<LinkItem, 'views' | 'createdAt'> & { createdAt: number };

/** Records a new link, only if its code is free; null when the code is taken. */
export async function insertLink(link: NewLink): Promise<LinkItem | null> {
  return conditionalResult(
    getDb()
      .entities.link.create({ ...link, views: 0 })
      .go()
      .then(({ data }) => data),
  );
}

/**
 * Records a link under a custom name, only if the name is free: no item, or one whose retention
 * after its end has run out (`expiresAt`, epoch seconds, reached at `now`; DynamoDB's TTL may take days
 * to delete it). One conditional put, so of two owners racing for a name exactly one gets it.
 * Null when the name is in use or cooling off.
 */
export async function insertNamedLink(link: NewLink, now: number): Promise<LinkItem | null> {
  const nowSeconds = Math.floor(now / 1000);
  const item = { ...link, views: 0 };
  const written = await conditionally(
    getDb()
      .entities.link.put(item)
      .where(({ code, expiresAt }, { notExists, lte }) => `${notExists(code)} OR ${lte(expiresAt, nowSeconds)}`)
      .go({ response: 'none' }),
  );
  return written ? item : null;
}

/** Epoch ms until which a deleted link's name stays out of use; null when nothing holds it at `now`. */
export async function findLinkNameHold(name: string, now: number): Promise<number | null> {
  const { data } = await getDb().entities.linkNameHold.get({ name }).go();
  return data && data.until > now ? data.until : null;
}

/** The link for a code, the public page's one read; null when there is none. An expired link is returned until the TTL takes it: check validUntil. */
export async function findLinkByCode(code: string): Promise<LinkItem | null> {
  const { data } = await getDb().entities.link.get({ code }).go();
  return data;
}

/** The owner's links, newest first, a page at a time; read from gsi1, so a link made a moment ago may be missing. A cursor not of this list reads the first page. */
export async function listLinksByOwner(userId: string, options: { cursor?: string | null; limit: number }): Promise<Page<LinkItem>> {
  const { link } = getDb().entities;
  const { data, cursor } = await link.query.byOwner({ userId }).go({ order: 'desc', limit: options.limit, cursor: checkedCursor(link, 'byOwner', { userId }, options.cursor) });
  return { items: data, cursor };
}

/** The codes of every link the owner made to one image (albums apart): a filtered read of all the owner's links, from gsi1. */
export async function listLinkCodesForImage(userId: string, imageId: string): Promise<string[]> {
  const { data } = await getDb()
    .entities.link.query.byOwner({ userId })
    .where(({ imageId: id, members }, { eq, notExists }) => `${eq(id, imageId)} AND ${notExists(members)}`)
    .go({ pages: 'all', attributes: ['code'] });
  return data.map((link) => link.code);
}

/** The owner's albums that hold one image, with their members: a filtered read of all the owner's links, from gsi1. */
export async function listAlbumsWithImage(userId: string, imageId: string): Promise<Pick<LinkItem, 'code' | 'members'>[]> {
  const { data } = await getDb()
    .entities.link.query.byOwner({ userId })
    .where(({ memberImageIds }, { contains }) => contains(memberImageIds, imageId))
    .go({ pages: 'all', attributes: ['code', 'members'] });
  return data;
}

/**
 * Replaces an album's members (and its card), only if nobody changed them since `revision` was
 * read and the album is the owner's; false when either is no longer so (read again and retry).
 */
export async function replaceAlbumMembers(userId: string, code: string, revision: number, change: { members: AlbumMember[]; previewKey: string }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.link.patch({ code })
      .set({ members: change.members, memberImageIds: change.members.map((member) => member.imageId), previewKey: change.previewKey, revision: revision + 1 })
      .where(({ userId: owner, revision: current }, { eq }) => `${eq(owner, userId)} AND ${eq(current, revision)}`)
      .go({ response: 'none' }),
  );
}

/**
 * Marks one of the owner's links revoked at `revokedAt`, and lets the table's TTL take it at
 * `expiresAt` (epoch seconds). Answers the link's code and album members as they were (what its
 * files were), or null when it does not exist, belongs to someone else or was revoked already.
 */
export async function markLinkRevoked(userId: string, code: string, times: { revokedAt: number; expiresAt: number }): Promise<Pick<LinkItem, 'code' | 'members'> | null> {
  return conditionalResult(
    getDb()
      .entities.link.patch({ code })
      .set(times)
      .where(({ userId: owner, revokedAt }, { eq, notExists }) => `${eq(owner, userId)} AND ${notExists(revokedAt)}`)
      .go({ response: 'all_old' })
      .then(({ data }) => ({ code, members: data.members })),
  );
}

/**
 * Deletes links by code, in batches; codes already gone are fine. A code shaped like a custom name
 * is held first for LINK_NAME_HOLD_DAYS (owner-free, see LinkNameHold), so that a printed
 * /s/<name> never leads to someone else's photo; a drawn code that happens to have that shape (all
 * lower case) gets a harmless hold. Held before the delete: a retry after a failure holds again.
 */
export async function deleteLinks(codes: string[], options: { now?: number } = {}): Promise<void> {
  if (codes.length === 0) return;
  const until = (options.now ?? Date.now()) + LINK_NAME_HOLD_MS;
  const held = codes.filter((code) => LINK_NAME_PATTERN.test(code)).map((name) => ({ name, until, expiresAt: Math.ceil(until / 1000) }));
  if (held.length > 0) {
    const { unprocessed } = await getDb().entities.linkNameHold.put(held).go();
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} link names were not held; retry`);
  }
  const { unprocessed } = await getDb()
    .entities.link.delete(codes.map((code) => ({ code })))
    .go();
  if (unprocessed.length > 0) throw new Error(`${unprocessed.length} links were not deleted; retry`);
}

/** Adds views to a link's counter, atomically; nothing when the link is gone (an ADD would recreate it) or revoked. */
export async function addLinkViews(code: string, views: number): Promise<void> {
  await conditionally(
    getDb()
      .entities.link.patch({ code })
      .add({ views })
      .where(({ revokedAt }, { notExists }) => notExists(revokedAt))
      .go({ response: 'none' }),
  );
}
