import { listFacesOfImage, listPeople } from '../db';
import { imageIdInput } from '../images/schemas';
import { mediaLink } from '../storage';
import type { FaceView } from './schemas';

/** The faces found on one of the owner's photos, left to right, with whose they are; for the photo's page, so crops link to /media/. */
export async function listImageFaces(userId: string, imageId: unknown): Promise<FaceView[]> {
  const faces = await listFacesOfImage(userId, imageIdInput.parse(imageId));
  if (faces.length === 0) return [];
  const names = new Map((await listPeople(userId)).map((person) => [person.personId, person.name ?? null]));
  return Promise.all(
    [...faces]
      .sort((a, b) => a.box.left - b.box.left)
      .map(async (face) => ({
        imageId: face.imageId,
        faceId: face.faceId,
        box: face.box,
        personId: face.personId || null,
        personName: face.personId ? (names.get(face.personId) ?? null) : null,
        thumbnailUrl: await mediaLink(face.thumbnailKey, 'site'),
      })),
  );
}
