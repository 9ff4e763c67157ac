import { ZodError } from 'zod';
import { routeUser } from '@/adapters/current-user';
import { isSameOrigin } from '@/adapters/same-origin';
import { MalformedSearchError, ndjsonStream, readSearchRequest } from '@/adapters/search-request';
import { searchPhotos } from '@/lib/people/search-photos';
import { siteRecognizer } from '@/lib/people/site-recognizer';
import { log } from '@/lib/observability/log';
import { RateLimitedError } from '@/lib/rate-limit';
import { UserError } from '@/lib/user-error';

const refuse = (status: number, error: string, headers: Record<string, string> = {}) =>
  Response.json({ error }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });

/**
 * POST /people/search: the owner's photos that show a person, streamed as newline-delimited JSON
 * events (lib/people/search-photos.ts SearchEvent) as they are found. The query is one of their faces
 * (JSON) or a photo (multipart), which is read and dropped. A malformed request gets a 400 and nothing else.
 */
export async function POST(request: Request) {
  const user = await routeUser();
  if (user instanceof Response) return user;
  if (!isSameOrigin(request)) return refuse(403, 'Searches come from Headshot’s own pages.');
  let events;
  try {
    events = await searchPhotos(siteRecognizer(), user.id, await readSearchRequest(request));
  } catch (error) {
    if (error instanceof RateLimitedError) return refuse(429, error.message, { 'Retry-After': String(error.retryAfterSeconds) });
    if (error instanceof MalformedSearchError || error instanceof UserError) return refuse(400, error.message);
    if (error instanceof ZodError) return refuse(400, error.issues[0]?.message ?? 'The search is not valid.');
    throw error;
  }
  const stream = ndjsonStream(events, (error) => {
    log.error('Face search failed', { error: String(error) });
    return { type: 'error', message: 'The search failed on our side. Please try again.' };
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' } });
}
