import type { NextRequest } from 'next/server';
import { linkAccessToken, readSharedFile } from '@/lib/links';
import { admitVisit } from '../admit-visit';
import { fileLocked, fileResponse, fileUnavailable } from '../responses';

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
  if (shared.state === 'locked') return fileLocked();
  if (shared.state !== 'active') return fileUnavailable(shared.state);
  return fileResponse(shared);
}
