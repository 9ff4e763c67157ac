import { nanoid } from 'nanoid';
import { getFaces, insertPerson, setFacePerson, type FaceItem } from '../db';
import type { FaceRecognizer } from '../faces/recognizer';
import { GROUPING_MATCH_LIMIT, MIN_FACES_PER_PERSON } from './limits';
import { refreshPerson } from './refresh-person';

/**
 * Puts the newly indexed faces of one photo into people, the way DBSCAN would grow its clusters one
 * point at a time: a face joins the person of its closest match that has one; failing that, a face
 * with enough ungrouped look-alikes (MIN_FACES_PER_PERSON with itself) starts a new person with them.
 * Someone appears once in a photo, so two faces of one photo never join the same person, and faces
 * the owner took out of a person are never pulled back in.
 */
export async function groupNewFaces(recognizer: FaceRecognizer, userId: string, faces: FaceItem[]): Promise<void> {
  const peopleInPhoto = new Set<string>();
  const changed = new Set<string>();
  for (const face of [...faces].sort((a, b) => b.confidence - a.confidence)) {
    if (face.detached || face.personId) continue;
    const candidates = await closestOtherFaces(recognizer, userId, face);
    const joined = candidates.find((other) => other.personId && !peopleInPhoto.has(other.personId));
    if (joined?.personId) {
      await setFacePerson(face, { personId: joined.personId });
      peopleInPhoto.add(joined.personId);
      changed.add(joined.personId);
      continue;
    }
    const loose = onePerPhoto(candidates.filter((other) => !other.personId && !other.detached));
    if (loose.length + 1 < MIN_FACES_PER_PERSON) continue;
    const personId = nanoid(12);
    await insertPerson({ userId, personId, faceCount: loose.length + 1, coverFaceId: face.faceId, coverImageId: face.imageId });
    for (const member of [face, ...loose]) await setFacePerson(member, { personId });
    peopleInPhoto.add(personId);
    changed.add(personId);
  }
  for (const personId of changed) await refreshPerson({ userId, personId });
}

/** The face's closest matches in the owner's other photos, best first, as the table has them now. */
async function closestOtherFaces(recognizer: FaceRecognizer, userId: string, face: FaceItem): Promise<FaceItem[]> {
  const matches = [];
  for await (const batch of recognizer.searchByFace(userId, face)) matches.push(...batch.filter((match) => match.imageId !== face.imageId));
  const best = matches.sort((a, b) => b.similarity - a.similarity).slice(0, GROUPING_MATCH_LIMIT);
  const items = new Map((await getFaces(best.map(({ imageId, faceId }) => ({ userId, imageId, faceId })))).map((item) => [item.faceId, item]));
  return best.flatMap((match) => items.get(match.faceId) ?? []);
}

function onePerPhoto(faces: FaceItem[]): FaceItem[] {
  const seen = new Set<string>();
  return faces.filter((face) => !seen.has(face.imageId) && seen.add(face.imageId));
}
