import { after, type NextRequest } from 'next/server';
import { presentSharedAlbum, presentSharedLink, recordLinkView, resolveLink } from '@/lib/links';
import { log } from '@/lib/observability/log';
import { admitVisit } from './admit-visit';
import { ALBUM_PAGE_CSP, renderAlbumPage } from './album-page';
import { cachedSharePage } from './page-cache';
import { htmlResponse, unavailable } from './responses';
import { renderSharePage } from './share-page';

/**
 * GET /s/{code}: the public page of a shared photo, or of an album, for anyone, signed in or not.
 *
 * A route handler rather than a page, because it answers 404, 410 and 429 (with Retry-After) as real
 * HTTP statuses. The hot path is one GetItem (resolveLink); the per-IP counter and the view counter
 * are written in after(), once the response has gone out.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const now = Date.now();
  const refusal = admitVisit(request, now);
  if (refusal) return refusal;

  const resolution = await resolveLink(code, { now });
  if (resolution.state === 'active' && request.method === 'GET' && !isPrefetch(request.headers)) {
    const userAgent = request.headers.get('user-agent');
    after(() => recordLinkView(code, userAgent).catch((error: unknown) => log.warn('Could not count a link view', { error: String(error) })));
  }

  if (resolution.state !== 'active') return unavailable(resolution.state);
  const { link } = resolution;
  const origin = request.nextUrl.origin;
  const { photos } = link;
  if (photos) {
    const album = await cachedSharePage(origin, link, now, async () => renderAlbumPage({ origin, code: link.code, presented: presentSharedAlbum({ ...link, photos }) }));
    return htmlResponse(album.html, 200, { 'Content-Security-Policy': ALBUM_PAGE_CSP });
  }
  const page = await cachedSharePage(origin, link, now, async () =>
    renderSharePage({ origin, code: link.code, presented: presentSharedLink(link) }),
  );
  return htmlResponse(page.html, 200);
}

/** Browsers announce speculative loads; those are not a person looking at the photo. */
function isPrefetch(headers: Headers): boolean {
  const purpose = headers.get('sec-purpose') ?? headers.get('purpose') ?? '';
  return /prefetch|prerender/i.test(purpose);
}
