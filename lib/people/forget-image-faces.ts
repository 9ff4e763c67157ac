import { deleteFaces, listFacesOfImage, touchFaceLibrary } from '../db';
import type { FaceRecognizer } from './recognizer';
import { refreshPerson } from './refresh-person';

/**
 * Forgets the faces of one photo: the recognizer's copy first (Rekognition's collection), then the
 * table's, then the people they were in, who go too when nothing is left of them. Safe to run again.
 */
export async function forgetImageFaces(recognizer: FaceRecognizer, key: { userId: string; imageId: string }): Promise<void> {
  const faces = await listFacesOfImage(key.userId, key.imageId);
  if (faces.length === 0) return;
  await recognizer.forget(key.userId, faces);
  await deleteFaces(faces);
  await touchFaceLibrary(key.userId, [key.imageId]);
  for (const personId of new Set(faces.flatMap((face) => (face.personId ? [face.personId] : [])))) await refreshPerson({ userId: key.userId, personId });
}
