import { cursorInput, getImages, listFacesOfPerson, type Page } from '../db';
import type { Image } from '../images/schemas';
import { toImage } from '../images/to-image';
import { PERSON_PAGE_SIZE } from './limits';
import { personIdInput } from './schemas';

/** One photo of a person, with which of its faces is theirs (what "Not this person" takes out). */
export interface PersonPhoto {
  faceId: string;
  image: Image;
}

/** The photos of one of the owner's people, a page at a time. */
export async function listPersonPhotos(userId: string, personId: unknown, cursor?: unknown): Promise<Page<PersonPhoto>> {
  const page = await listFacesOfPerson(userId, personIdInput.parse(personId), { cursor: cursorInput.parse(cursor), limit: PERSON_PAGE_SIZE });
  const images = new Map((await getImages(userId, [...new Set(page.items.map((face) => face.imageId))])).map((image) => [image.imageId, image]));
  const shown = page.items.flatMap((face) => {
    const image = images.get(face.imageId);
    return image && image.status === 'ready' && !image.deletingAt ? [{ faceId: face.faceId, image }] : [];
  });
  return { items: await Promise.all(shown.map(async ({ faceId, image }) => ({ faceId, image: await toImage(image, { variants: 'thumbnail' }) }))), cursor: page.cursor };
}
