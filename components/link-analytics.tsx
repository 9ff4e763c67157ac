import type { Breakdown, LinkAnalytics } from '@/lib/links/link-analytics';

const BAR = 8;
const GAP = 2;
const HEIGHT = 80;

/**
 * A link's last days, drawn on the server: views a day as an SVG bar chart (no script, no chart
 * library), then the top referrers, devices, browsers and countries as bars of their share. Colours
 * come from the site's palette classes, so dark mode turns them around with the rest of the page.
 */
export function LinkAnalyticsView({ analytics }: { analytics: LinkAnalytics }) {
  const { days, views, bots } = analytics;
  const most = Math.max(1, ...days.map((day) => day.views));
  const width = days.length * (BAR + GAP) - GAP;
  return (
    <div className="flex flex-col gap-6" data-testid="link-analytics">
      <section className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="views-a-day">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="views-a-day" className="font-medium">
            Views a day
          </h2>
          <p className="text-sm text-slate-600">
            <span data-testid="analytics-views">{views}</span> {views === 1 ? 'view' : 'views'} in {days.length} days
            {bots > 0 ? (
              <>
                {' '}
                · <span data-testid="analytics-bots">{bots}</span> by bots, not counted
              </>
            ) : null}
          </p>
        </div>
        <svg
          viewBox={`0 0 ${width} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-32 w-full"
          role="img"
          aria-label={`Views a day over the last ${days.length} days, ${views} in all`}
          data-testid="analytics-chart"
        >
          <line x1={0} y1={HEIGHT - 0.5} x2={width} y2={HEIGHT - 0.5} className="stroke-slate-200" strokeWidth={1} />
          {days.map((day, index) => {
            const height = day.views === 0 ? 0 : Math.max(2, Math.round((day.views / most) * (HEIGHT - 4)));
            return (
              <rect key={day.day} x={index * (BAR + GAP)} y={HEIGHT - height} width={BAR} height={height} rx={1.5} className="fill-brand-500" data-day={day.day} data-views={day.views}>
                <title>{`${day.day}: ${day.views} ${day.views === 1 ? 'view' : 'views'}`}</title>
              </rect>
            );
          })}
        </svg>
        <div className="flex justify-between text-xs text-slate-500">
          <span>{days[0]?.day}</span>
          <span>{days.at(-1)?.day} (UTC)</span>
        </div>
      </section>
      <div className="grid gap-4 sm:grid-cols-2">
        <BreakdownList title="Top referrers" rows={analytics.referrers} testId="analytics-referrers" />
        <BreakdownList title="Devices" rows={analytics.devices} testId="analytics-devices" />
        <BreakdownList title="Browsers" rows={analytics.browsers} testId="analytics-browsers" />
        <BreakdownList title="Countries" rows={analytics.countries} testId="analytics-countries" />
      </div>
    </div>
  );
}

function BreakdownList({ title, rows, testId }: { title: string; rows: Breakdown[]; testId: string }) {
  const total = rows.reduce((sum, row) => sum + row.views, 0);
  return (
    <section className="flex min-w-0 flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4" aria-label={title} data-testid={testId}>
      <h2 className="font-medium">{title}</h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No views yet.</p>
      ) : (
        <ul className="flex flex-col gap-2 text-sm">
          {rows.map((row) => (
            <li key={row.name} className="flex flex-col gap-1" data-name={row.name} data-views={row.views}>
              <div className="flex justify-between gap-2">
                <span className="min-w-0 truncate">{row.name}</span>
                <span className="tabular-nums text-slate-600">{row.views}</span>
              </div>
              <div className="h-1.5 rounded-full bg-slate-100" aria-hidden="true">
                <div className="h-1.5 rounded-full bg-brand-500" style={{ width: `${Math.round((row.views / total) * 100)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
