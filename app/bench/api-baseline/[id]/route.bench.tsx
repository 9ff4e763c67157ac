import { getApiImage } from '@/lib/api';
import { ImageDetailSchema, ImagePathSchema } from '@/lib/api/images';
import { requestSettings } from '@/lib/config';
import { BENCH_API_USER_ID } from '../bench-user';

/**
 * The API benchmark's baseline: GET /api/v1/images/{id} as its handler answers it, without the
 * token. The same read, the same signed URLs, the same schema check and JSON, for one fixed bench
 * account, so that what the API adds over it is the bearer token's check (its reads and its hash).
 * A route of the benchmarks' build only (lib/config.ts benchBuild), and served only under the local cloud.
 */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  if (!requestSettings().localCloud) return new Response(null, { status: 404 });
  const { id } = ImagePathSchema.parse(await context.params);
  const image = await getApiImage(BENCH_API_USER_ID, id);
  if (!image) return new Response(null, { status: 404 });
  return Response.json(ImageDetailSchema.parse(image), { headers: { 'Cache-Control': 'no-store' } });
}
