import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LinkAnalyticsView } from '@/components/link-analytics';
import { pageUser } from '@/adapters/current-user';
import { getLinkAnalytics, linkCodeInput, linkPath } from '@/lib/links';

export const metadata = { title: 'Link views' };

/** One of the owner's links, with its views of the last days; another user's link, or none, is a 404. */
export default async function LinkAnalyticsPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await pageUser();
  const code = linkCodeInput.safeParse((await params).code);
  const analytics = code.success ? await getLinkAnalytics(user.id, { code: code.data }) : null;
  if (!analytics) notFound();
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <Link href="/links" className="self-start text-sm text-link underline">
          My links
        </Link>
        <h1 className="text-xl font-semibold break-all sm:text-2xl">
          Views of <span className="font-mono">{linkPath(analytics.code)}</span>
        </h1>
        <p className="text-sm text-slate-600">Counted by day (UTC), with where visitors came from. No address or full user agent is kept.</p>
      </div>
      <LinkAnalyticsView analytics={analytics} />
    </div>
  );
}
