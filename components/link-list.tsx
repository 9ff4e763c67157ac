import Link from 'next/link';
import type { Link as ShareLink } from '@/lib/links/schemas';
import { LinkCopyButton } from './link-copy-button';
import { LinkRevokeButton } from './link-revoke-button';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The owner's links: where each points, its views, when it expires, and a Revoke button; revoked and
 * expired ones stay, marked, until their retention runs out. From lg (1024 px) up it is a table; below, each
 * row is a card of its own (the same cells, stacked and labelled), so that nothing needs a sideways scroll.
 */
export function LinkList({ links, now }: { links: ShareLink[]; now: number }) {
  if (links.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center text-slate-500">
        No links yet. Open a photo and use Share to create one.
      </p>
    );
  }
  // The scroller is positioned, so that the header's screen-reader text stays inside it instead of widening the page.
  return (
    <div className="relative lg:overflow-x-auto lg:rounded-xl lg:border lg:border-slate-200 lg:bg-white">
      <table className="block w-full text-left text-sm lg:table" aria-label="Links">
        <thead className="hidden bg-slate-50 text-slate-500 lg:table-header-group">
          <tr>
            <th className="px-4 py-2 font-medium">Link</th>
            <th className="px-4 py-2 font-medium">Photo</th>
            <th className="px-4 py-2 font-medium">Views</th>
            <th className="px-4 py-2 font-medium">Expires</th>
            <th className="px-4 py-2 font-medium">Options</th>
            <th className="px-4 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="flex flex-col gap-3 lg:table-row-group">
          {links.map((link) => (
            <tr
              key={link.code}
              className="grid grid-cols-2 gap-x-4 gap-y-2 rounded-xl border border-slate-200 bg-white p-4 lg:table-row lg:rounded-none lg:border-0 lg:border-t lg:border-slate-100 lg:p-0"
              data-testid="link-row"
              data-code={link.code}
              data-state={link.state}
            >
              <td className="col-span-2 min-w-0 lg:px-4 lg:py-2">
                <div className="flex flex-wrap items-center gap-2">
                  {link.state === 'revoked' ? (
                    // It answers 404 now: no address to open or copy.
                    <span className="font-mono text-slate-500 line-through">{link.path}</span>
                  ) : (
                    <>
                      <a href={link.path} target="_blank" rel="noreferrer" className="font-mono break-all text-link underline">
                        {link.path}
                      </a>
                      <LinkCopyButton path={link.path} />
                    </>
                  )}
                </div>
              </td>
              <td className="col-span-2 min-w-0 lg:max-w-48 lg:px-4 lg:py-2">
                <div className="flex min-w-0 items-baseline">
                  <CardLabel>Photo</CardLabel>
                  <Link href={`/images/${link.imageId}`} className="min-w-0 truncate hover:underline">
                    {link.kind === 'album' ? `Album of ${link.imageIds.length} photo${link.imageIds.length === 1 ? '' : 's'}` : link.fileName}
                  </Link>
                </div>
              </td>
              <td className="tabular-nums lg:px-4 lg:py-2">
                <CardLabel stacked>Views</CardLabel>
                {/* The count opens the link's chart: views a day, referrers, devices, browsers, countries. */}
                <Link href={`/links/${link.code}`} className="text-link underline" data-testid="link-views" aria-label={`${link.views} ${link.views === 1 ? 'view' : 'views'}: see them day by day`}>
                  {link.views}
                </Link>
              </td>
              <td className="lg:px-4 lg:py-2">
                <CardLabel stacked>Expires</CardLabel>
                {link.state === 'active' ? describeExpiry(link, now) : <EndedBadge link={link} now={now} />}
              </td>
              <td className="col-span-2 text-slate-600 lg:px-4 lg:py-2">
                {link.watermarked ? 'watermarked' : 'no watermark'}
                {link.allowDownload ? ', downloads' : ''}
                {link.protected ? ', password' : ''}
              </td>
              <td className="col-span-2 lg:px-4 lg:py-2 lg:text-right">
                {link.state === 'active' ? <LinkRevokeButton code={link.code} path={link.path} /> : <ListedUntil link={link} now={now} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A cell's column name, shown on the small-screen cards, where the table's header is hidden; screen
 * readers have the header. In a half-width cell it stands above the value, which then has the width.
 */
function CardLabel({ children, stacked = false }: { children: string; stacked?: boolean }) {
  return (
    <span aria-hidden="true" className={`text-slate-500 lg:hidden ${stacked ? 'block text-xs' : 'mr-2'}`}>
      {children}
    </span>
  );
}

/** How an ended link ended, and when. */
function EndedBadge({ link, now }: { link: ShareLink; now: number }) {
  const revoked = link.state === 'revoked';
  const endedAt = (revoked ? link.revokedAt : link.validUntil) ?? now;
  return (
    <span className={`inline-block rounded-md px-2 py-0.5 text-xs font-medium ${revoked ? 'bg-slate-100 text-slate-700' : 'bg-amber-100 text-amber-900'}`}>
      {revoked ? 'Revoked' : 'Expired'} {describeAgo(now - endedAt)}
    </span>
  );
}

/** When an ended link leaves this list. */
function ListedUntil({ link, now }: { link: ShareLink; now: number }) {
  if (link.listedUntil === null) return null;
  // Rounded, not rounded up: a link revoked a moment ago, kept 30 days and some seconds, reads "30", as the page promises.
  const days = Math.max(1, Math.round((link.listedUntil - now) / DAY_MS));
  return (
    <span className="text-xs text-slate-500" data-testid="link-listed-until">
      Listed for {days} more {days === 1 ? 'day' : 'days'}
    </span>
  );
}

function describeExpiry(link: ShareLink, now: number): string {
  if (link.validUntil === null) return 'Never';
  const minutes = Math.max(1, Math.round((link.validUntil - now) / 60_000));
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}

function describeAgo(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
