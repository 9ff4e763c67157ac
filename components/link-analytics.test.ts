import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LinkAnalytics } from '@/lib/links/link-analytics';
import { LinkAnalyticsView } from './link-analytics';

const days = Array.from({ length: 30 }, (_, index) => ({ day: `2026-11-${String(index + 1).padStart(2, '0')}`, views: index === 29 ? 4 : index === 28 ? 2 : 0 }));
const analytics: LinkAnalytics = {
  code: 'AbCdEfGhIjKl',
  days,
  views: 6,
  bots: 3,
  referrers: [
    { name: 'linkedin.com', views: 4 },
    { name: 'direct', views: 2 },
  ],
  devices: [{ name: 'mobile', views: 6 }],
  browsers: [{ name: 'Chrome', views: 6 }],
  countries: [{ name: 'unknown', views: 6 }],
};

describe("a link's analytics", () => {
  it('draws one bar a day on the server, scaled to the busiest day, with bots apart', () => {
    const markup = renderToStaticMarkup(createElement(LinkAnalyticsView, { analytics }));
    expect(markup).toContain('aria-label="Views a day over the last 30 days, 6 in all"');
    const bars = [...markup.matchAll(/<rect [^>]*data-day="([\d-]+)" data-views="(\d+)"/g)];
    expect(bars).toHaveLength(30);
    expect(markup).toMatch(/<rect x="290" y="4" width="8" height="76"[^>]*data-day="2026-11-30" data-views="4"/);
    expect(markup).toMatch(/<rect x="280" y="42" width="8" height="38"[^>]*data-day="2026-11-29" data-views="2"/);
    expect(markup).toMatch(/<rect x="0" y="80" width="8" height="0"/);
    expect(markup).toContain('<title>2026-11-30: 4 views</title>');
    expect(markup).toContain('<span data-testid="analytics-bots">3</span> by bots, not counted');
    expect(markup).not.toContain('<script');
  });

  it('lists the top referrers, devices, browsers and countries with their share', () => {
    const markup = renderToStaticMarkup(createElement(LinkAnalyticsView, { analytics }));
    expect(markup).toMatch(/data-name="linkedin.com" data-views="4".*?width:67%/);
    expect(markup).toMatch(/data-name="direct" data-views="2".*?width:33%/);
    for (const name of ['mobile', 'Chrome', 'unknown']) expect(markup).toContain(`data-name="${name}" data-views="6"`);
    const empty = renderToStaticMarkup(createElement(LinkAnalyticsView, { analytics: { ...analytics, views: 0, bots: 0, days: days.map((day) => ({ ...day, views: 0 })), referrers: [] } }));
    expect(empty).toContain('No views yet.');
    expect(empty).not.toContain('by bots');
  });
});
