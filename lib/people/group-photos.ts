import { describeFacesInProcess } from '../faces/describe-faces';
import { decodeDescriptor } from '../faces/descriptors';
import { prepareFacePhoto } from '../faces/prepare-face-photo';
import type { Box } from '../faces/schemas';
import { clusterFaces } from './cluster-faces';
import { GROUPING_MATCH_LIMIT, MIN_FACES_PER_PERSON } from './limits';
import { SAME_PERSON_MIN_SIMILARITY } from './local-recognizer';

export interface PhotoFace {
  photo: string;
  box: Box;
}

/**
 * Every face in a set of photos, grouped into people with the built-in model and the app's constants
 * in one pass of DBSCAN (the app grows the same groups one photo at a time): the people, most faces
 * first, and the faces seen too rarely to be anyone yet.
 */
export async function groupPhotoFaces(photos: { photo: Buffer; name: string }[]): Promise<{ people: PhotoFace[][]; ungrouped: PhotoFace[] }> {
  const faces: (PhotoFace & { descriptor: Int8Array })[] = [];
  for (const { photo, name } of photos) {
    for (const face of await describeFacesInProcess(await prepareFacePhoto(photo))) {
      if (face.descriptor) faces.push({ photo: name, box: face.box, descriptor: decodeDescriptor(face.descriptor) });
    }
  }
  const labels = clusterFaces(
    faces.map((face) => face.descriptor),
    { minSimilarity: SAME_PERSON_MIN_SIMILARITY, minFaces: MIN_FACES_PER_PERSON, neighbourLimit: GROUPING_MATCH_LIMIT },
  );
  const people = new Map<number, PhotoFace[]>();
  const ungrouped: PhotoFace[] = [];
  faces.forEach(({ photo, box }, index) => {
    const label = labels[index]!;
    if (label < 0) ungrouped.push({ photo, box });
    else people.set(label, [...(people.get(label) ?? []), { photo, box }]);
  });
  return { people: [...people.values()].sort((a, b) => b.length - a.length), ungrouped };
}
