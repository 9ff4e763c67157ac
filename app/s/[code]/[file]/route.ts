import type { NextRequest } from 'next/server';
import { readSharedFile } from '@/lib/links';
import { admitVisit } from '../admit-visit';
import { NO_STORE } from '../responses';

/**
 * Browsers may keep a shared file for a minute, and no longer: after a revoke or an expiry, the page
 * is gone at once and its image within 60 seconds. `private`: no shared cache (CloudFront) keeps it.
 */
const SHARED_FILE_CACHE_CONTROL = 'private, max-age=60';

/** GET /s/{code}/{photo.webp|photo.jpg|download.jpg|card.jpg}: a shared photo's bytes, through its link, under the same per-address limit as the page. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string; file: string }> }) {
  const { code, file } = await params;
  const now = Date.now();
  const refusal = admitVisit(request, now);
  if (refusal) return refusal;

  const shared = await readSharedFile(code, file, now);
  if (shared.state !== 'active') {
    return new Response('Not available', { status: shared.state === 'expired' ? 410 : 404, headers: { 'Cache-Control': NO_STORE, 'Content-Type': 'text/plain' } });
  }
  return new Response(new Uint8Array(shared.body), {
    headers: {
      'Content-Type': shared.contentType,
      'Content-Length': String(shared.body.length),
      'Cache-Control': SHARED_FILE_CACHE_CONTROL,
      ...(shared.downloadName ? { 'Content-Disposition': `attachment; filename="${shared.downloadName}"` } : {}),
    },
  });
}
