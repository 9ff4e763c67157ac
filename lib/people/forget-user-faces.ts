import { allPages } from '../all-pages';
import { resources } from '../aws/resources';
import { deleteFaceLibrary, deleteFaces, deletePerson, listFacesOfUser, listPeople } from '../db';
import { deleteObjects } from '../storage';
import { deleteFaceIndex } from './face-library';
import type { FaceRecognizer } from './recognizer';

/**
 * Forgets every face of a closed account: the recognizer's copy (Rekognition's collection), the face
 * and person items, the face index object, the item that counts their changes, and the faces' thumbnails. For what an index
 * run wrote after the account's deletion had already passed; safe to run again.
 */
export async function forgetUserFaces(recognizer: FaceRecognizer, userId: string): Promise<void> {
  await recognizer.forgetUser(userId);
  for await (const faces of allPages((cursor) => listFacesOfUser(userId, { cursor, limit: 100 }))) {
    await deleteObjects(resources.mediaBucket, faces.map((face) => face.thumbnailKey));
    await deleteFaces(faces);
  }
  for (const person of await listPeople(userId)) await deletePerson(person);
  await deleteFaceIndex(userId);
  await deleteFaceLibrary(userId);
}
