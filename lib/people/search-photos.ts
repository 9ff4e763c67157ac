import { z } from 'zod';
import { getFaces, getImages } from '../db';
import { prepareFacePhoto } from '../faces/prepare-face-photo';
import { toImage } from '../images/to-image';
import type { MediaLinks } from '../storage';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { UserError } from '../user-error';
import { FACE_SEARCH_LIMIT, MAX_QUERY_PHOTO_BYTES, PHOTO_SEARCH_LIMIT } from './limits';
import { ForeignFaceError, NoFaceError, type FaceMatch, type FaceRecognizer } from './recognizer';
import { faceRefInput } from './schemas';

/** What to look for: one of the owner's faces, or the largest face in a photo that is not kept. */
export type PhotoSearchQuery = { face: z.infer<typeof faceRefInput> } | { photo: Buffer };

export const PhotoSearchQuerySchema = z.union([
  z.object({ face: faceRefInput }).strict(),
  z.object({
    photo: z
      .instanceof(Buffer)
      .refine((bytes) => bytes.length > 0, 'The photo is empty.')
      .refine((bytes) => bytes.length <= MAX_QUERY_PHOTO_BYTES, `Search photos are limited to ${MAX_QUERY_PHOTO_BYTES / 1024 / 1024} MB.`),
  }),
]);

/** One photo that shows the person, as the results list shows it. */
export interface PhotoMatch {
  imageId: string;
  fileName: string;
  thumbnailUrl: string | null;
  placeholder: string | null;
  /** The best of the photo's faces, 0–1. */
  similarity: number;
  faceId: string;
}

/**
 * What a search reports as it goes: matching photos as soon as they are found (a photo can come again
 * with a higher similarity when a better face of it turns up), then how it ended. A sentence for the
 * owner ends it instead when the query shows no face.
 */
export type SearchEvent = { type: 'matches'; photos: PhotoMatch[] } | { type: 'done'; photos: number } | { type: 'error'; message: string };

/**
 * The owner's photos that show the person of the query, best match first within each batch, from the
 * recognizer as it finds them. Throws a UserError before anything is found when the query is refused
 * (over the rate limit, not a face of theirs, not a photo); a query photo is read and dropped, never stored.
 */
export async function searchPhotos(recognizer: FaceRecognizer, userId: string, query: PhotoSearchQuery, links: MediaLinks = 'site'): Promise<AsyncGenerator<SearchEvent>> {
  const parsed = PhotoSearchQuerySchema.parse(query);
  const tooMany = (minutes: number) => `You have searched a lot in the last hour. Try again in ${inMinutes(minutes)}.`;
  if ('face' in parsed) {
    await enforceRateLimit(FACE_SEARCH_LIMIT, userId, tooMany);
    const [face] = await getFaces([{ userId, ...parsed.face }]);
    if (!face) throw new UserError('That face does not exist.');
    return report(userId, links, searchableFace(() => recognizer.searchByFace(userId, face)), face.imageId);
  }
  await enforceRateLimit(PHOTO_SEARCH_LIMIT, userId, tooMany);
  const input = await prepareFacePhoto(parsed.photo);
  return report(userId, links, recognizer.searchByPhoto(userId, { jpeg: input.jpeg, width: input.width, height: input.height }));
}

/** A face the other recognizer indexed is the owner's to re-index, not a failure of ours. */
function searchableFace(search: () => AsyncIterable<FaceMatch[]>): AsyncIterable<FaceMatch[]> {
  try {
    return search();
  } catch (error) {
    if (error instanceof ForeignFaceError) throw new UserError('That face was found by another face recognizer than the one in use. Press “Find faces” on its photo to find it again, then search.');
    throw error;
  }
}

async function* report(userId: string, links: MediaLinks, batches: AsyncIterable<FaceMatch[]>, queryImageId?: string): AsyncGenerator<SearchEvent> {
  const best = new Map<string, number>();
  try {
    for await (const batch of batches) {
      const improved = new Map<string, FaceMatch>();
      for (const match of batch) {
        if (match.imageId === queryImageId || match.similarity <= (best.get(match.imageId) ?? -1)) continue;
        if (match.similarity > (improved.get(match.imageId)?.similarity ?? -1)) improved.set(match.imageId, match);
      }
      if (improved.size === 0) continue;
      const images = await getImages(userId, [...improved.keys()]);
      const photos = await Promise.all(
        images
          .filter((image) => image.status === 'ready' && !image.deletingAt)
          .map(async (image) => {
            const match = improved.get(image.imageId)!;
            const shown = await toImage(image, { variants: 'thumbnail', links });
            best.set(image.imageId, match.similarity);
            return { imageId: image.imageId, fileName: image.fileName, thumbnailUrl: shown.thumbnailUrl, placeholder: shown.placeholder, similarity: round(match.similarity), faceId: match.faceId };
          }),
      );
      if (photos.length > 0) yield { type: 'matches', photos: photos.sort((a, b) => b.similarity - a.similarity) };
    }
  } catch (error) {
    if (!(error instanceof NoFaceError)) throw error;
    yield { type: 'error', message: error.message };
    return;
  }
  yield { type: 'done', photos: best.size };
}

function round(similarity: number): number {
  return Math.round(similarity * 1000) / 1000;
}
