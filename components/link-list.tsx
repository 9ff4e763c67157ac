import Link from 'next/link';
import type { Link as ShareLink } from '@/lib/links/schemas';
import { LinkCopyButton } from './link-copy-button';
import { LinkRevokeButton } from './link-revoke-button';

/** The owner's links: where each points, its views, when it expires, and a Revoke button. */
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
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Links">
        <thead className="bg-slate-50 text-slate-500">
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
        <tbody>
          {links.map((link) => (
            <tr key={link.code} className="border-t border-slate-100" data-testid="link-row" data-code={link.code} data-state={link.state}>
              <td className="px-4 py-2">
                <div className="flex items-center gap-2">
                  <a href={link.path} target="_blank" rel="noreferrer" className="font-mono text-link underline">
                    {link.path}
                  </a>
                  <LinkCopyButton path={link.path} />
                </div>
              </td>
              <td className="max-w-48 truncate px-4 py-2">
                <Link href={`/images/${link.imageId}`} className="hover:underline">
                  {link.fileName}
                </Link>
              </td>
              <td className="px-4 py-2 tabular-nums" data-testid="link-views">
                {link.views}
              </td>
              <td className="px-4 py-2">{describeExpiry(link, now)}</td>
              <td className="px-4 py-2 text-slate-600">
                {link.watermarked ? 'watermarked' : 'no watermark'}
                {link.allowDownload ? ', downloads' : ''}
              </td>
              <td className="px-4 py-2 text-right">
                <LinkRevokeButton code={link.code} path={link.path} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function describeExpiry(link: ShareLink, now: number): string {
  if (link.validUntil === null) return 'Never';
  if (link.state === 'expired') return 'Expired';
  const minutes = Math.max(1, Math.round((link.validUntil - now) / 60_000));
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}
