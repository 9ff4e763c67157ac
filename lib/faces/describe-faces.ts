import type { DescribedFace } from './describe-faces-event';
import { encodeDescriptor } from './descriptors';
import { boxOf, findFaces } from './find-faces';
import type { FacePhoto } from './schemas';

/**
 * The built-in model's faces of a photo with their descriptors (Human's recognition model, faceres),
 * stored small (lib/faces/descriptors.ts). A face the recognition model could not describe is still
 * reported: it counts as a face, and is found by where it is rather than by whose it is.
 */
export async function describeFacesInProcess(photo: FacePhoto): Promise<DescribedFace[]> {
  const { faces, width, height } = await findFaces(photo.jpeg, 'descriptor');
  return faces.map(({ result, rect }) => ({
    box: boxOf(rect, width, height),
    confidence: Math.min(1, Math.max(0, result.boxScore)),
    descriptor: result.embedding && result.embedding.length > 0 ? encodeDescriptor(result.embedding) : undefined,
  }));
}
