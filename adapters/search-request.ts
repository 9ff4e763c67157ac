import 'server-only';
import { z } from 'zod';
import { MAX_QUERY_PHOTO_BYTES } from '@/lib/people/limits';
import type { PhotoSearchQuery } from '@/lib/people/search-photos';
import { faceRefInput } from '@/lib/people/schemas';

export class MalformedSearchError extends Error {
  override name = 'MalformedSearchError';
}

const FaceQueryBody = z.object({ face: faceRefInput }).strict();

/**
 * The search a request asks for: JSON `{"face": {"imageId", "faceId"}}`, or a multipart form whose
 * one file field `photo` is the query photo. Anything else is malformed.
 */
export async function readSearchRequest(request: Request): Promise<PhotoSearchQuery> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('application/json')) {
    const body = await request.json().catch(() => undefined);
    const parsed = FaceQueryBody.safeParse(body);
    if (!parsed.success) throw new MalformedSearchError('The search names no face of yours.');
    return parsed.data;
  }
  if (type.startsWith('multipart/form-data')) {
    // Refused before the body is read when it announces more than a photo's limit (plus the form's own bytes).
    if (Number(request.headers.get('content-length') ?? 0) > MAX_QUERY_PHOTO_BYTES + 64 * 1024) {
      throw new MalformedSearchError(`Search photos are limited to ${MAX_QUERY_PHOTO_BYTES / 1024 / 1024} MB.`);
    }
    const form = await request.formData().catch(() => undefined);
    const photo = form?.get('photo');
    if (!(photo instanceof Blob) || photo.size === 0) throw new MalformedSearchError('Choose a photo to search with.');
    if (photo.size > MAX_QUERY_PHOTO_BYTES) throw new MalformedSearchError(`Search photos are limited to ${MAX_QUERY_PHOTO_BYTES / 1024 / 1024} MB.`);
    return { photo: Buffer.from(await photo.arrayBuffer()) };
  }
  throw new MalformedSearchError('Send a face as JSON, or a photo as a form.');
}

/** Search events as newline-delimited JSON, each line sent as soon as it is found. */
export function ndjsonStream(events: AsyncGenerator<unknown>, onError: (error: unknown) => unknown): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      } catch (error) {
        controller.enqueue(encoder.encode(`${JSON.stringify(onError(error))}\n`));
        controller.close();
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
}
