import type { NextRequest } from 'next/server';
import { linkAccessToken, PRIVATE_UNCACHED, readSharedFile } from '@/lib/links';
import { admitVisit } from '../admit-visit';
import { NO_STORE } from '../responses';

/**
 * GET /s/{code}/{photo.webp|photo.jpg|download.jpg|card.jpg}: a shared photo's bytes, through its link,
 * under the same per-address limit as the page, cacheable at the CDN for as long as lib/links says.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string; file: string }> }) {
  const { code, file } = await params;
  const now = Date.now();
  const refusal = admitVisit(request, now);
  if (refusal) return refusal;

  const shared = await readSharedFile(code, file, now, { accessToken: linkAccessToken(request.headers) });
  if (shared.state === 'locked') {
    return new Response('This link needs its password', { status: 403, headers: { 'Cache-Control': PRIVATE_UNCACHED, 'Content-Type': 'text/plain' } });
  }
  if (shared.state !== 'active') {
    return new Response('Not available', { status: shared.state === 'expired' ? 410 : 404, headers: { 'Cache-Control': NO_STORE, 'Content-Type': 'text/plain' } });
  }
  return new Response(new Uint8Array(shared.body), {
    headers: {
      'Content-Type': shared.contentType,
      'Content-Length': String(shared.body.length),
      'Cache-Control': shared.cacheControl,
      ...(shared.downloadName ? { 'Content-Disposition': `attachment; filename="${shared.downloadName}"` } : {}),
    },
  });
}
