import { getDb, type Page } from './client';
import { conditionally } from './conditions';
import { checkedCursor } from './cursor';
import type { FaceItem } from './entities/face';

export type FaceKey = Pick<FaceItem, 'userId' | 'imageId' | 'faceId'>;
type NewFace = Omit<FaceItem, 'createdAt'> & { createdAt?: number };

const keyOf = ({ userId, imageId, faceId }: FaceKey): FaceKey => ({ userId, imageId, faceId });

/** Records the faces found in a photo, replacing earlier ones with the same ids; throws, for a retry, when DynamoDB leaves some unwritten. */
export async function putFaces(faces: NewFace[]): Promise<void> {
  if (faces.length === 0) return;
  const { unprocessed } = await getDb().entities.face.put(faces).go();
  if (unprocessed.length > 0) throw new Error(`${unprocessed.length} faces were not written; retry`);
}

/** The faces of one of the user's photos, all at once; read consistently, so faces written a moment ago are there. */
export async function listFacesOfImage(userId: string, imageId: string): Promise<FaceItem[]> {
  const { data } = await getDb().entities.face.query.byImage({ userId, imageId }).go({ pages: 'all', consistent: true });
  return data;
}

/** Some of the user's faces, by key; those that are gone are left out. */
export async function getFaces(keys: FaceKey[]): Promise<FaceItem[]> {
  if (keys.length === 0) return [];
  const { data, unprocessed } = await getDb().entities.face.get(keys.map(keyOf)).go();
  if (unprocessed.length > 0) throw new Error(`${unprocessed.length} faces were not read; retry`);
  return data;
}

/** Every face of a user, a page at a time, read consistently: a face index rebuilt from them must miss none written before. */
export async function listFacesOfUser(userId: string, options: { cursor?: string | null; limit: number }): Promise<Page<FaceItem>> {
  const { data, cursor } = await getDb().entities.face.query.byImage({ userId }).go({ limit: options.limit, cursor: options.cursor ?? null, consistent: true });
  return { items: data, cursor };
}

/** The faces of one person, a page at a time; read from gsi1, so a face moved a moment ago may still show under its old person. A cursor not of this list reads the first page. */
export async function listFacesOfPerson(userId: string, personId: string, options: { cursor?: string | null; limit: number }): Promise<Page<FaceItem>> {
  const { face } = getDb().entities;
  const { data, cursor } = await face.query.byPerson({ userId, personId }).go({ limit: options.limit, cursor: checkedCursor(face, 'byPerson', { userId, personId }, options.cursor) });
  return { items: data, cursor };
}

/**
 * Puts a face in a person (detached: false, so grouping may move it again) or takes it out of every
 * person (detached: the owner said it is not theirs, and grouping leaves it alone from then on).
 * False when the face is gone.
 */
export async function setFacePerson(face: FaceKey, change: { personId: string } | { detached: true }): Promise<boolean> {
  const write = getDb().entities.face.patch(keyOf(face));
  const update = 'personId' in change ? write.set({ personId: change.personId }).remove(['detached']) : write.set({ detached: true, personId: '' });
  return conditionally(update.go({ response: 'none' }));
}

/** Forgets faces by key; faces already gone are fine, and what DynamoDB leaves undone throws, for a retry. */
export async function deleteFaces(faces: FaceKey[]): Promise<void> {
  if (faces.length === 0) return;
  const { unprocessed } = await getDb().entities.face.delete(faces.map(keyOf)).go();
  if (unprocessed.length > 0) throw new Error(`${unprocessed.length} faces were not deleted; retry`);
}
