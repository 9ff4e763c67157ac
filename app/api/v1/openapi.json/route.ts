import { openApiDocument } from '@/lib/api';

/** The API's OpenAPI 3.1 document: public, the same for everyone, generated from the operations' schemas. */
export const dynamic = 'force-static';

export function GET() {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
