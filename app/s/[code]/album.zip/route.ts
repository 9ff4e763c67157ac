import { Readable } from 'node:stream';
import type { NextRequest } from 'next/server';
import { ALBUM_ARCHIVE_NAME, openAlbumArchive } from '@/lib/links';
import { admitVisit } from '../admit-visit';
import { NO_STORE } from '../responses';

/**
 * GET /s/{code}/album.zip: every photo of an album whose owner allowed downloads, as one ZIP made
 * while it is sent. Never cached (a download is rare, and a revoke then needs no invalidation of it).
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const now = Date.now();
  const refusal = admitVisit(request, now);
  if (refusal) return refusal;

  const archive = await openAlbumArchive(code, now);
  if (archive.state !== 'active') {
    return new Response('Not available', { status: archive.state === 'expired' ? 410 : 404, headers: { 'Cache-Control': NO_STORE, 'Content-Type': 'text/plain' } });
  }
  return new Response(Readable.toWeb(archive.body) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/zip',
      'Cache-Control': NO_STORE,
      'Content-Disposition': `attachment; filename="${ALBUM_ARCHIVE_NAME}"`,
    },
  });
}
