import 'zod-openapi';
import { z } from 'zod';
import { listFacesOfImage } from '../db';
import { getImage, imageIdInput } from '../images';
import { listPeople } from '../people';
import { faceIdInput } from '../people/schemas';
import { searchPhotos, type PhotoMatch } from '../people/search-photos';
import { siteRecognizer } from '../people/site-recognizer';
import { UserError } from '../user-error';

/*
 * People over the API: the people found in the owner's photos, and a search for the photos that show
 * the person of a face on one of them. The query is one of the owner's own photos, by id: nothing is
 * uploaded for a search, so there is no second upload path to bound, and no photo of a stranger is
 * ever run through the face model on someone else's behalf.
 */

export const PersonSchema = z
  .object({
    id: z.string().meta({ example: 'p7Hq2LmX9cTr' }),
    name: z.string().nullable().meta({ description: 'As the owner named them; null until then.' }),
    photoCount: z.number().int().meta({ description: 'Photos they are found in.' }),
    coverUrl: z.url().nullable().meta({ description: 'A short-lived URL of their face, cut from one of the photos.' }),
  })
  .meta({ id: 'Person' });

export const PersonListSchema = z.object({ items: z.array(PersonSchema) }).meta({ id: 'PersonList', description: 'Everyone not hidden by the owner, most photos first.' });

export const SearchPeopleBodySchema = z
  .object({
    imageId: imageIdInput.meta({ description: 'One of your photos whose faces have been found.' }),
    faceId: faceIdInput.optional().meta({ description: 'Which of its faces (`{imageId}.{n}`); the largest when left out.' }),
    limit: z.number().int().min(1).max(100).default(20).meta({ description: 'Most photos to answer, best match first.' }),
  })
  .refine(({ imageId, faceId }) => faceId === undefined || faceId.startsWith(`${imageId}.`), { message: 'That face is not on that photo.', path: ['faceId'] })
  .meta({ id: 'PeopleSearchRequest' });

export const PhotoMatchSchema = z
  .object({
    imageId: z.string(),
    fileName: z.string(),
    faceId: z.string().meta({ description: 'The face on that photo that matched best.' }),
    similarity: z.number().min(0).max(1).meta({ description: '0–1; photos at and above the recognizer’s threshold show the same person.' }),
    thumbnailUrl: z.url().nullable(),
  })
  .meta({ id: 'PhotoMatch' });

export const PeopleSearchResultSchema = z
  .object({
    faceId: z.string().meta({ description: 'The face searched for.' }),
    items: z.array(PhotoMatchSchema).meta({ description: 'Your other photos that show the same person, best match first.' }),
  })
  .meta({ id: 'PeopleSearchResult' });

type PeopleSearchResult = z.infer<typeof PeopleSearchResultSchema>;

/** The owner's people, as the People page lists them. */
export async function listApiPeople(userId: string): Promise<z.infer<typeof PersonListSchema>> {
  const people = await listPeople(userId, { hidden: false, links: 'presigned' });
  return { items: people.map(({ personId, name, photoCount, coverUrl }) => ({ id: personId, name, photoCount, coverUrl })) };
}

/** The owner's photos that show the person of one face on one of their photos; null when they have no such photo or face. */
export async function searchApiPeople(userId: string, body: z.infer<typeof SearchPeopleBodySchema>): Promise<PeopleSearchResult | null> {
  if (!(await getImage(userId, body.imageId, { variants: 'thumbnail' }))) return null;
  const faces = await listFacesOfImage(userId, body.imageId);
  if (faces.length === 0) throw new UserError('No faces have been found on that photo yet: wait until they are, or press “Find faces” on it.');
  const area = (face: (typeof faces)[number]) => face.box.width * face.box.height;
  const face = body.faceId === undefined ? faces.reduce((largest, face) => (area(face) > area(largest) ? face : largest)) : faces.find(({ faceId }) => faceId === body.faceId);
  if (!face) return null;

  const best = new Map<string, PhotoMatch>();
  for await (const event of await searchPhotos(siteRecognizer(), userId, { face: { imageId: face.imageId, faceId: face.faceId } }, 'presigned')) {
    if (event.type === 'error') throw new UserError(event.message);
    if (event.type === 'matches') for (const photo of event.photos) if (photo.similarity > (best.get(photo.imageId)?.similarity ?? -1)) best.set(photo.imageId, photo);
  }
  const items = [...best.values()]
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, body.limit)
    .map(({ imageId, fileName, faceId, similarity, thumbnailUrl }) => ({ imageId, fileName, faceId, similarity, thumbnailUrl }));
  return { faceId: face.faceId, items };
}
