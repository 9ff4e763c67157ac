import { z } from 'zod';
import { getDb } from './client';
import { conditionally } from './conditions';
import type { LinkDayItem } from './entities/link-day';

export interface LinkDayKey {
  userId: string;
  code: string;
  day: string;
}

/** A day of a link as read back: its counters, checked, since the item's map is untyped to ElectroDB. */
export interface LinkDayCounts {
  day: string;
  counts: Record<string, number>;
  expiresAt?: number;
}

const countsSchema = z.record(z.string(), z.number());

function toLinkDayCounts(item: LinkDayItem): LinkDayCounts {
  return { day: item.day, counts: countsSchema.parse(item.counts), expiresAt: item.expiresAt };
}

/**
 * Adds each amount of `tally` to its counter of the link's day, in one write; `expiresAt` (epoch
 * seconds) is the item's TTL. A counter's first count starts it at 0 (`if_not_exists`), which a
 * document path can only do inside a map that exists: the day's first view creates the item with an
 * empty map first, and the write is made again. False when the item went meanwhile (its link was
 * deleted): nothing is written.
 */
export async function addToLinkDay(key: LinkDayKey, tally: Record<string, number>, expiresAt: number): Promise<boolean> {
  const { linkDay } = getDb().entities;
  const add = () =>
    conditionally(
      linkDay
        .patch(key)
        .data(({ counts, expiresAt: ttl }, { subtract, set }) => {
          // DynamoDB's ADD takes top-level attributes only; a counter inside a map is raised with SET
          // c = if_not_exists(c, 0) + n, which of ElectroDB's operations only subtract() writes: so minus -n.
          for (const [name, amount] of Object.entries(tally)) subtract(counts[name], -amount, 0);
          set(ttl, expiresAt);
        })
        .go({ response: 'none' }),
    );
  if (await add()) return true;
  // Another view may create it first: either way it exists now.
  await conditionally(linkDay.create({ ...key, counts: {}, expiresAt }).go({ response: 'none' }));
  return add();
}

/** A link's days from `from` (YYYY-MM-DD) on, read from its owner's partition. */
export async function listLinkDays(userId: string, code: string, from: string): Promise<LinkDayCounts[]> {
  const { data } = await getDb()
    .entities.linkDay.query.byLinkDay({ userId, code })
    // Between, not gte: a range alone on the sort key would run on into the days of the next link in the partition.
    .between({ day: from }, { day: '9999-12-31' })
    .go({ pages: 'all' });
  return data.map(toLinkDayCounts);
}

/** Every day of a link. */
async function allLinkDays(userId: string, code: string): Promise<LinkDayItem[]> {
  const { data } = await getDb().entities.linkDay.query.byLinkDay({ userId, code }).go({ pages: 'all' });
  return data;
}

/** Lets a link's days go when the link item does (`expiresAt`, epoch seconds): an ended link's figures outlive it by nothing. */
export async function expireLinkDays(userId: string, code: string, expiresAt: number): Promise<number> {
  const days = await allLinkDays(userId, code);
  const { linkDay } = getDb().entities;
  for (const item of days) {
    if (item.expiresAt !== undefined && item.expiresAt <= expiresAt) continue;
    // A day the TTL took meanwhile is fine: patch refuses to bring it back.
    await conditionally(linkDay.patch({ userId, code, day: item.day }).set({ expiresAt }).go({ response: 'none' }));
  }
  return days.length;
}

/** Deletes every day of these links, with the links themselves. */
export async function deleteLinkDays(userId: string, codes: string[]): Promise<void> {
  const { linkDay } = getDb().entities;
  for (const code of codes) {
    const keys = (await allLinkDays(userId, code)).map(({ day }) => ({ userId, code, day }));
    if (keys.length === 0) continue;
    const { unprocessed } = await linkDay.delete(keys).go();
    if (unprocessed.length > 0) throw new Error(`${unprocessed.length} days of link counts were not deleted; retry`);
  }
}
