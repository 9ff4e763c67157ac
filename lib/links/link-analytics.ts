import { z } from 'zod';
import { findLinkByCode, listLinkDays } from '../db';
import { linkCodeInput } from './schemas';
import { isPastRetention } from './to-link';

/** How far back the chart of a link looks. */
export const ANALYTICS_DAYS = 30;
/** How many rows each breakdown shows; the rest are added up as "Others". */
const TOP = 5;

const DAY_MS = 24 * 60 * 60 * 1000;

export const linkAnalyticsInput = z.object({ code: linkCodeInput });

export interface Breakdown {
  name: string;
  views: number;
}

export interface LinkAnalytics {
  code: string;
  /** One entry a day, oldest first, the last one today (UTC), days without views at 0. */
  days: { day: string; views: number }[];
  views: number;
  /** Visits by machines that say they are (crawlers, unfurlers, monitors): counted apart, never as views. */
  bots: number;
  referrers: Breakdown[];
  devices: Breakdown[];
  browsers: Breakdown[];
  countries: Breakdown[];
}

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function top(counts: Map<string, number>): Breakdown[] {
  const sorted = [...counts].map(([name, views]) => ({ name, views })).sort((a, b) => b.views - a.views || a.name.localeCompare(b.name));
  if (sorted.length <= TOP) return sorted;
  const others = sorted.slice(TOP - 1).reduce((sum, row) => sum + row.views, 0);
  return [...sorted.slice(0, TOP - 1), { name: 'Others', views: others }];
}

/**
 * The last ANALYTICS_DAYS days of one of the owner's links: views a day, bots apart, and the views by
 * referrer host, device class, browser family and country. Null when the owner has no such link.
 * One query of the owner's partition: another user's code reads nothing, since the owner is the key.
 */
export async function getLinkAnalytics(userId: string, input: unknown, options: { now?: number } = {}): Promise<LinkAnalytics | null> {
  const { code } = linkAnalyticsInput.parse(input);
  const now = options.now ?? Date.now();
  const link = await findLinkByCode(code);
  if (!link || link.userId !== userId || isPastRetention(link, now)) return null;

  const firstDay = dayOf(now - (ANALYTICS_DAYS - 1) * DAY_MS);
  const linkDays = await listLinkDays(userId, code, firstDay);
  const byDay = new Map<string, number>();
  const breakdowns = { referrer: new Map<string, number>(), device: new Map<string, number>(), browser: new Map<string, number>(), country: new Map<string, number>() };
  let bots = 0;
  for (const { day, counts } of linkDays) {
    for (const [metric, count] of Object.entries(counts)) {
      if (metric === 'views') byDay.set(day, (byDay.get(day) ?? 0) + count);
      else if (metric === 'bots') bots += count;
      else {
        const [dimension, value] = [metric.slice(0, metric.indexOf('#')), metric.slice(metric.indexOf('#') + 1)];
        const into = breakdowns[dimension as keyof typeof breakdowns];
        if (into) into.set(value, (into.get(value) ?? 0) + count);
      }
    }
  }
  const days = Array.from({ length: ANALYTICS_DAYS }, (_, index) => {
    const day = dayOf(now - (ANALYTICS_DAYS - 1 - index) * DAY_MS);
    return { day, views: byDay.get(day) ?? 0 };
  });
  return {
    code,
    days,
    views: days.reduce((sum, { views }) => sum + views, 0),
    bots,
    referrers: top(breakdowns.referrer),
    devices: top(breakdowns.device),
    browsers: top(breakdowns.browser),
    countries: top(breakdowns.country),
  };
}
