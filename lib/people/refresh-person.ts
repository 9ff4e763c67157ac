import { allItems } from '../all-pages';
import { deletePerson, findPerson, listFacesOfPerson, updatePerson, type PersonKey } from '../db';

/**
 * Brings a person's count and cover face in line with the faces that are theirs, after faces moved
 * in or out; a person left with no face is deleted. Counting from the index rather than adding and
 * subtracting makes it safe to run again after a crash, and to run twice at once.
 */
export async function refreshPerson(key: PersonKey): Promise<void> {
  const person = await findPerson(key);
  if (!person) return;
  const faces = await allItems((cursor) => listFacesOfPerson(key.userId, key.personId, { cursor, limit: 500 }));
  if (faces.length === 0) {
    await deletePerson(key);
    return;
  }
  const cover = faces.find((face) => face.faceId === person.coverFaceId) ?? faces[0]!;
  if (person.faceCount === faces.length && person.coverFaceId === cover.faceId) return;
  await updatePerson(key, { faceCount: faces.length, coverFaceId: cover.faceId, coverImageId: cover.imageId });
}
