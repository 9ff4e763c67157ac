import { Readable } from 'node:stream';
import type { NextRequest } from 'next/server';
import { ALBUM_ARCHIVE_NAME, linkAccessToken, openAlbumArchive } from '@/lib/links';
import { admitVisit } from '../admit-visit';
import { fileLocked, fileUnavailable, NO_STORE } from '../responses';

/**
 * GET /s/{code}/album.zip: every photo of an album whose owner allowed downloads, as one ZIP made
 * while it is sent. Never cached (a download is rare, and a revoke then needs no invalidation of it).
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const now = Date.now();
  const refusal = admitVisit(request, now);
  if (refusal) return refusal;

  const archive = await openAlbumArchive(code, now, { accessToken: linkAccessToken(request.headers) });
  if (archive.state === 'locked') return fileLocked();
  if (archive.state !== 'active') return fileUnavailable(archive.state);
  return new Response(Readable.toWeb(archive.body) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/zip',
      'Cache-Control': NO_STORE,
      'Content-Disposition': `attachment; filename="${ALBUM_ARCHIVE_NAME}"`,
    },
  });
}
