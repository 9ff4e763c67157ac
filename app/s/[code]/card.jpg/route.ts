import type { NextRequest } from 'next/server';
import { readLinkPreview, resolveLink } from '@/lib/links';
import { admitVisit } from '../admit-visit';
import { NO_STORE } from '../responses';

/**
 * Unfurlers fetch the card image on their own schedule, after reading the page. A stable URL that
 * checks the link each time survives that (a presigned URL might have expired), and stops working
 * when the link is revoked.
 */
const CARD_CACHE_CONTROL = 'private, max-age=600';

/** GET /s/{code}/card.jpg: the 1200×630 image of og:image and twitter:image, under the same limit as the page. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const now = Date.now();
  const refusal = admitVisit(request, now);
  if (refusal) return refusal;

  const resolution = await resolveLink(code, { now });
  const card = resolution.state === 'active' ? await readLinkPreview(resolution.link) : null;
  if (!card) {
    return new Response('Not available', { status: resolution.state === 'expired' ? 410 : 404, headers: { 'Cache-Control': NO_STORE } });
  }
  return new Response(new Uint8Array(card), {
    headers: { 'Content-Type': 'image/jpeg', 'Content-Length': String(card.length), 'Cache-Control': CARD_CACHE_CONTROL },
  });
}
