import Link from 'next/link';
import { LinkList } from '@/components/link-list';
import { pageUser } from '@/adapters/current-user';
import { GONE_RETENTION_DAYS, listLinks } from '@/lib/links';

export const metadata = { title: 'My links' };

/** The listing and the moment it describes, so "expires in" and "expired" agree. */
async function loadLinks(userId: string, cursor: unknown) {
  const now = Date.now();
  return { now, page: await listLinks(userId, { cursor }, { now }) };
}

export default async function LinksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await pageUser();
  const { cursor } = await searchParams;
  const { now, page } = await loadLinks(user.id, cursor);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">My links</h1>
        <p className="text-sm text-slate-600">
          Links you shared, with how often each was opened. Revoking a link stops it at once; revoked and expired links stay listed for{' '}
          {GONE_RETENTION_DAYS} days.
        </p>
      </div>
      <LinkList links={page.items} now={now} />
      {page.cursor ? (
        <Link href={`/links?cursor=${encodeURIComponent(page.cursor)}`} className="self-center text-sm text-link underline">
          Older links
        </Link>
      ) : null}
    </div>
  );
}
