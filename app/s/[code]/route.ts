import { after, type NextRequest } from 'next/server';
import { linkAccessCookie, linkAccessToken, linkPath, presentSharedAlbum, presentSharedLink, recordLinkView, resolveLink, unlockLink, type LinkCounter } from '@/lib/links';
import { requestSettings } from '@/lib/config';
import { clientAddress, clientCountry } from '@/lib/security/client-address';
import { log } from '@/lib/observability/log';
import { admitVisit } from './admit-visit';
import { ALBUM_PAGE_CSP, renderAlbumPage } from './album-page';
import { cachedSharePage } from './page-cache';
import { htmlResponse, passwordForm, unavailable, unlocked } from './responses';
import { renderSharePage } from './share-page';

/**
 * GET /s/{code}: the public page of a shared photo, or of an album, for anyone, signed in or not.
 *
 * A route handler rather than a page, because it answers 404, 410 and 429 (with Retry-After) as real
 * HTTP statuses. The hot path is one GetItem (resolveLink); the per-IP counter and the view's counts
 * are written in after(), once the response has gone out, from what that GetItem read.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const now = Date.now();
  const refusal = admitVisit(request, now);
  if (refusal) return refusal;

  const resolution = await resolveLink(code, { now, accessToken: linkAccessToken(request.headers) });
  // The form keeps where the visitor came from: the view is counted when the password opens the link.
  if (resolution.state === 'active' && resolution.locked) return passwordForm({ origin: request.nextUrl.origin, code: resolution.link.code, referer: request.headers.get('referer') });
  if (resolution.state === 'active' && request.method === 'GET' && !isPrefetch(request.headers) && !isFromThisSite(request.headers)) {
    countView(request, resolution.counter, request.headers.get('referer'), now);
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

/**
 * A navigation from this site's own pages: the page a right password sends its visitor back to (counted
 * with the password, under the referrer the form kept), or its owner opening it from My links.
 */
function isFromThisSite(headers: Headers): boolean {
  return headers.get('sec-fetch-site') === 'same-origin';
}

/** One view, counted once the answer has gone out; a failure to count never fails the page. */
function countView(request: NextRequest, counter: LinkCounter, referer: string | null, now: number): void {
  const userAgent = request.headers.get('user-agent');
  const visit = { referer, country: clientCountry(request.headers, requestSettings()), now };
  after(() => recordLinkView(counter, userAgent, visit).catch((error: unknown) => log.warn('Could not count a link view', { error: String(error) })));
}

/** Browsers announce speculative loads; those are not a person looking at the photo. */
function isPrefetch(headers: Headers): boolean {
  const purpose = headers.get('sec-purpose') ?? headers.get('purpose') ?? '';
  return /prefetch|prerender/i.test(purpose);
}

/**
 * POST /s/{code}: the password of a protected link, from its form. Right, the visitor is sent back to
 * the page with the link's access cookie; wrong, the form again with a sentence; too many wrong, a 429.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const now = Date.now();
  const refusal = admitVisit(request, now);
  if (refusal) return refusal;

  const form = await request.formData().catch(() => null);
  const password = form?.get('password');
  const kept = form?.get('referer');
  const referer = typeof kept === 'string' ? kept : null;
  const address = clientAddress(request.headers, requestSettings());
  const result = await unlockLink({ code, password: typeof password === 'string' ? password : '' }, { address, now });
  const origin = request.nextUrl.origin;
  switch (result.state) {
    case 'unlocked':
      countView(request, result.counter, referer, now);
      return unlocked(linkPath(code), linkAccessCookie(code, result.token));
    case 'wrong':
      return passwordForm({ origin, code, status: 401, error: 'That password is not right.', referer });
    case 'limited':
      return passwordForm({ origin, code, status: 429, error: result.message, retryAfterSeconds: result.retryAfterSeconds, referer });
    default:
      return unavailable(result.state);
  }
}
