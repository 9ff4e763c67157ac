import { addLinkDailyCount, addLinkViews, findLinkByCode, type LinkDailyCountKey } from '../db';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';
import { coalesceAdds } from './coalesce-adds';
import { isLikelyBot } from './is-likely-bot';
import { dayOf } from './link-analytics';
import { linkCodeInput } from './schemas';
import { visitTraits } from './visit-traits';

const addView = coalesceAdds((code: string) => code, addLinkViews);

type CountKey = LinkDailyCountKey & { expiresAt: number };
const addCount = coalesceAdds(
  ({ userId, code, day, metric, expiresAt }: CountKey) => JSON.stringify([userId, code, day, metric, expiresAt]),
  ({ expiresAt, ...key }, amount) => addLinkDailyCount(key, amount, expiresAt),
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
 * Counts one visit of a link, after its page has been sent. A person's view is an atomic ADD on the
 * link's item (its total on "My links") and on the link's counters of the day (lib/db/entities/
 * link-daily-count.ts): all views, and the views from the referrer's host, device class, browser family
 * and country. An obvious bot adds to the day's `bots` only. A link revoked or deleted is not counted
 * and not recreated by the count. Adds to one counter that arrive while it is being written are added
 * together in the next write (see coalesceAdds). A counted view is its owner's link.viewed webhook
 * event. Returns whether the view was counted as a person's.
 */
export async function recordLinkView(code: unknown, userAgent: string | null, visit: LinkVisit = {}): Promise<boolean> {
  const parsed = linkCodeInput.safeParse(code);
  if (!parsed.success) return false;
  const link = await findLinkByCode(parsed.data);
  if (!link || link.revokedAt !== undefined) return false;
  const now = visit.now ?? Date.now();
  const counter = { userId: link.userId, code: link.code, day: dayOf(now), expiresAt: countsExpireAt(now, link.expiresAt) };
  const count = (metric: string) => addCount({ ...counter, metric });

  if (isLikelyBot(userAgent)) {
    await count('bots');
    return false;
  }
  await addView(parsed.data);
  const traits = visitTraits({ userAgent, referer: visit.referer ?? null, country: visit.country ?? null });
  await Promise.all([
    count('views'),
    count(`referrer#${traits.referrer}`),
    count(`device#${traits.device}`),
    count(`browser#${traits.browser}`),
    count(`country#${traits.country}`),
  ]);
  // Its owner's link.viewed, for counted views only: a link preview's fetch is no view.
  await emitWebhookEvent(link.userId, { type: 'link.viewed', data: { code: link.code, imageId: link.imageId } });
  return true;
}
