import { getDb } from './client';
import { conditionally } from './conditions';
import type { LinkDailyCountItem } from './entities/link-daily-count';

export interface LinkDailyCountKey {
  userId: string;
  code: string;
  day: string;
  metric: string;
}

/** Adds to one counter of a link's day, creating it at 0 first if needed; `expiresAt` (epoch seconds) is its TTL. */
export async function addLinkDailyCount(key: LinkDailyCountKey, amount: number, expiresAt: number): Promise<void> {
  await getDb().entities.linkDailyCount.update(key).add({ count: amount }).set({ expiresAt }).go({ response: 'none' });
}

/** A link's counters from day `from` (YYYY-MM-DD) on, read from its owner's partition. */
export async function listLinkDailyCounts(userId: string, code: string, from: string): Promise<LinkDailyCountItem[]> {
  const { data } = await getDb()
    .entities.linkDailyCount.query.byLinkDay({ userId, code })
    // Between, not gte: a range alone on the sort key would run on into the counters of the next link in the partition.
    .between({ day: from }, { day: '9999-12-31' })
    .go({ pages: 'all' });
  return data;
}

/** Every counter of a link, whatever its day. */
async function allLinkDailyCounts(userId: string, code: string): Promise<LinkDailyCountItem[]> {
  const { data } = await getDb().entities.linkDailyCount.query.byLinkDay({ userId, code }).go({ pages: 'all' });
  return data;
}

/** Lets a link's counters go when the link item does (`expiresAt`, epoch seconds): an ended link's figures outlive it by nothing. */
export async function expireLinkDailyCounts(userId: string, code: string, expiresAt: number): Promise<number> {
  const counts = await allLinkDailyCounts(userId, code);
  const { linkDailyCount } = getDb().entities;
  for (const item of counts) {
    if (item.expiresAt !== undefined && item.expiresAt <= expiresAt) continue;
    // A counter the TTL took meanwhile is fine: patch refuses to bring it back.
    await conditionally(linkDailyCount.patch({ userId, code, day: item.day, metric: item.metric }).set({ expiresAt }).go({ response: 'none' }));
  }
  return counts.length;
}

/** Deletes every counter of these links, with the links themselves. */
export async function deleteLinkDailyCounts(userId: string, codes: string[]): Promise<void> {
  const { linkDailyCount } = getDb().entities;
  for (const code of codes) {
    const keys = (await allLinkDailyCounts(userId, code)).map(({ day, metric }) => ({ userId, code, day, metric }));
    if (keys.length === 0) continue;
    const { unprocessed } = await linkDailyCount.delete(keys).go();
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} link counters were not deleted; retry`);
  }
}
