import type { NextRequest } from 'next/server';
import { linkAccessToken, readAlbumFile } from '@/lib/links';
import { admitVisit } from '../../admit-visit';
import { fileLocked, fileResponse, fileUnavailable } from '../../responses';

/**
 * GET /s/{code}/{n}/{photo.webp|photo.jpg|download.jpg}: one photo of an album, by its number in it,
 * served and cached exactly like a photo link's files (../route.ts). The segment holding the number
 * is named `file` because Next.js wants one name for a dynamic segment at one level.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string; file: string; name: string }> }) {
  const { code, file: n, name } = await params;
  const now = Date.now();
  const refusal = admitVisit(request, now);
  if (refusal) return refusal;

  const shared = await readAlbumFile(code, n, name, now, { accessToken: linkAccessToken(request.headers) });
  if (shared.state === 'locked') return fileLocked();
  if (shared.state !== 'active') return fileUnavailable(shared.state);
  return fileResponse(shared);
}
