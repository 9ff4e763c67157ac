import { addLinkViews, addToLinkDay, type LinkDayKey } from '../db';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';
import { coalesceAdds, type Tally } from './coalesce-adds';
import { isLikelyBot } from './is-likely-bot';
import { dayOf } from './link-analytics';
import type { LinkCounter } from './schemas';
import { visitTraits } from './visit-traits';

const addViews = coalesceAdds((code: string) => code, (code, { views = 0 }) => addLinkViews(code, views));

type DayKey = LinkDayKey & { expiresAt: number };
const addToDay = coalesceAdds(
  ({ userId, code, day, expiresAt }: DayKey) => JSON.stringify([userId, code, day, expiresAt]),
  ({ expiresAt, ...key }, tally) => addToLinkDay(key, tally, expiresAt),
);

/** How long a day's counters are kept: 13 months, so a year ago today is still there to compare with. */
const COUNT_RETENTION_MONTHS = 13;

/** A day's counters go 13 months after the day, or with their link, whichever comes first (`linkExpiresAt`, epoch seconds). */
function countsExpireAt(now: number, linkExpiresAt: number | undefined): number {
  const day = new Date(now);
  const kept = Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + COUNT_RETENTION_MONTHS, day.getUTCDate()) / 1000;
  return linkExpiresAt === undefined ? kept : Math.min(kept, linkExpiresAt);
}

/** What else is known of a visit than its user agent: where it came from. */
export interface LinkVisit {
  /** The Referer header: only its host is kept. */
  referer?: string | null;
  /** CloudFront's viewer country, read only on a request that came through the distribution (clientCountry). */
  country?: string | null;
  now?: number;
}

/**
 * Counts one visit of a link, after its page has been sent, against the counter its page resolved
 * (so nothing is read again). A person's view is an atomic ADD on the link's item (its total on "My
 * links", never on a revoked link) and one write to the link's day (lib/db/link-days.ts) that adds to
 * its views and to the views from the referrer's host, device class, browser family and country. An
 * obvious bot adds to the day's `bots` only. Views of one link that arrive while its writes are in
 * flight are added together in the next ones (see coalesceAdds). A counted view is its owner's
 * link.viewed webhook event. Returns whether the view was counted as a person's.
 */
export async function recordLinkView(link: LinkCounter, userAgent: string | null, visit: LinkVisit = {}): Promise<boolean> {
  const now = visit.now ?? Date.now();
  const day: DayKey = { userId: link.userId, code: link.code, day: dayOf(now), expiresAt: countsExpireAt(now, link.expiresAt) };
  if (isLikelyBot(userAgent)) {
    await addToDay(day, { bots: 1 });
    return false;
  }
  const traits = visitTraits({ userAgent, referer: visit.referer ?? null, country: visit.country ?? null });
  const tally: Tally = {
    views: 1,
    [`referrer#${traits.referrer}`]: 1,
    [`device#${traits.device}`]: 1,
    [`browser#${traits.browser}`]: 1,
    [`country#${traits.country}`]: 1,
  };
  await Promise.all([addViews(link.code, { views: 1 }), addToDay(day, tally)]);
  // Its owner's link.viewed, for counted views only: a link preview's fetch is no view.
  await emitWebhookEvent(link.userId, { type: 'link.viewed', data: { code: link.code, imageId: link.imageId } });
  return true;
}
