import { getDb, type Page } from './client';
import type { LinkItem } from './entities/link';
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

/** The codes of every link the owner made to one image: a filtered read of all the owner's links, from gsi1. */
export async function listLinkCodesForImage(userId: string, imageId: string): Promise<string[]> {
  const { data } = await getDb()
    .entities.link.query.byOwner({ userId })
    .where(({ imageId: id }, { eq }) => eq(id, imageId))
    .go({ pages: 'all', attributes: ['code'] });
  return data.map((link) => link.code);
}

/**
 * Marks one of the owner's links revoked at `revokedAt`, and lets the table's TTL take it at
 * `expiresAt` (epoch seconds); false when it does not exist, belongs to someone else or was revoked already.
 */
export async function markLinkRevoked(userId: string, code: string, times: { revokedAt: number; expiresAt: number }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.link.patch({ code })
      .set(times)
      .where(({ userId: owner, revokedAt }, { eq, notExists }) => `${eq(owner, userId)} AND ${notExists(revokedAt)}`)
      .go({ response: 'none' }),
  );
}

/** Deletes links by code, in batches; codes already gone are fine. */
export async function deleteLinks(codes: string[]): Promise<void> {
  if (codes.length === 0) return;
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
