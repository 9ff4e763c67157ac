import { nanoid } from 'nanoid';
import { claimGrouping, getFaces, insertPerson, releaseGrouping, setFacePerson, type FaceItem } from '../db';
import { GROUPING_LEASE_MS, GROUPING_MATCH_LIMIT, GROUPING_WAIT_MS, MIN_FACES_PER_PERSON } from './limits';
import type { FaceRecognizer } from './recognizer';
import { refreshPerson } from './refresh-person';

/**
 * Puts the newly indexed faces of one photo into people, the way DBSCAN would grow its clusters one
 * point at a time: a face joins the person of its closest match that has one; failing that, a face
 * with enough ungrouped look-alikes (MIN_FACES_PER_PERSON with itself) starts a new person with them.
 * Someone appears once in a photo, so two faces of one photo never join the same person, and faces
 * the owner took out of a person are never pulled back in.
 */
export async function groupNewFaces(recognizer: FaceRecognizer, userId: string, faces: FaceItem[]): Promise<void> {
  await holdingGrouping(userId, async () => {
    // As they are now: a run that grouped before this one may have put some of them into people.
    const current = await getFaces(faces.map(({ imageId, faceId }) => ({ userId, imageId, faceId })));
    await groupFaces(recognizer, userId, current);
  });
}

/**
 * One run groups a user's faces at a time: two photos of one new person indexed at once would each
 * find the other's face still ungrouped and make two people of one. A run waits for the lease; one
 * that dies holding it loses it after GROUPING_LEASE_MS. Waiting too long fails the run, and its job
 * is retried.
 */
async function holdingGrouping(userId: string, work: () => Promise<void>): Promise<void> {
  const holder = nanoid(12);
  const deadline = Date.now() + GROUPING_WAIT_MS;
  while (!(await claimGrouping(userId, holder, Date.now(), Date.now() + GROUPING_LEASE_MS))) {
    if (Date.now() > deadline) throw new Error('Another run kept grouping this user’s faces; retry');
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 150));
  }
  try {
    await work();
  } finally {
    await releaseGrouping(userId, holder);
  }
}

async function groupFaces(recognizer: FaceRecognizer, userId: string, faces: FaceItem[]): Promise<void> {
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
