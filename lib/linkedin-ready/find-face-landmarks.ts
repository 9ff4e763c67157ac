import { findFaces, meshRect, MESH_POINTS } from '../faces/find-faces';
import type { FaceModelPaths } from '../faces/load-face-model';
import type { PreparedFacePhoto } from '../faces/prepare-face-photo';
import { UserError } from '../user-error';
import { readFace, type FaceReading } from './compare-face-readings';
import type { FaceLandmarks } from './plan-frame';

// Eye corners on MediaPipe's 468-point face mesh; the subject's right eye is on the image's left.
const RIGHT_EYE_CORNERS = [33, 133] as const;
const LEFT_EYE_CORNERS = [362, 263] as const;

/**
 * The subject's face (the largest, as the check judges it) in the original photo's pixels: its mesh
 * and the centre of each eye, from the face model's analysis pass over the prepared copy, and what
 * the check reads from it. Throws a UserError when there is no face to frame.
 */
export async function findFaceLandmarks(photo: PreparedFacePhoto, paths?: FaceModelPaths): Promise<{ landmarks: FaceLandmarks; reading: FaceReading }> {
  const { faces, width } = await findFaces(photo.jpeg, 'analysis', paths);
  const subject = [...faces].sort((a, b) => b.rect.width * b.rect.height - a.rect.width * a.rect.height)[0];
  if (!subject) {
    throw new UserError('No face was found in the photo. Use a photo where your face is clearly visible: facing the camera, well lit and uncovered.');
  }
  // The mesh is in the coordinates of the pass that found the face; its extent is `rect` in the prepared copy's.
  const mesh = subject.result.mesh.slice(0, MESH_POINTS);
  const extent = meshRect(mesh);
  const toCopy = subject.rect.width / extent.width;
  const toSource = photo.sourceSize.width / width;
  const place = (index: number): [number, number] => {
    const [x, y] = mesh[index]!;
    return [(subject.rect.x + (x! - extent.x) * toCopy) * toSource, (subject.rect.y + (y! - extent.y) * toCopy) * toSource];
  };
  const middle = (a: number, b: number): [number, number] => {
    const [p, q] = [place(a), place(b)];
    return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
  };
  return {
    landmarks: { mesh: mesh.map((_, index) => place(index)), rightEye: middle(...RIGHT_EYE_CORNERS), leftEye: middle(...LEFT_EYE_CORNERS) },
    reading: readFace(subject.result, faces.length),
  };
}
