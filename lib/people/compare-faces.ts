import { describeFacesInProcess } from '../faces/describe-faces';
import { decodeDescriptor } from '../faces/descriptors';
import { largestFace } from '../faces/largest-face';
import { prepareFacePhoto } from '../faces/prepare-face-photo';
import { similarity } from './descriptor-matrix';
import { SAME_PERSON_MIN_SIMILARITY } from './local-recognizer';
import { NoFaceError } from './recognizer';

/** The built-in descriptor of the largest face in a photo of any accepted format; NoFaceError when it shows none. */
export async function describeLargestFace(photo: Buffer, name: string): Promise<Int8Array> {
  const input = await prepareFacePhoto(photo);
  const largest = largestFace(await describeFacesInProcess(input));
  if (!largest?.descriptor) throw new NoFaceError(`No face was found in ${name}.`);
  return decodeDescriptor(largest.descriptor);
}

/** How alike the largest faces of two photos are, and whether the app would call them the same person. */
export async function compareFaces(a: { photo: Buffer; name: string }, b: { photo: Buffer; name: string }): Promise<{ similarity: number; samePerson: boolean }> {
  const [first, second] = [await describeLargestFace(a.photo, a.name), await describeLargestFace(b.photo, b.name)];
  const score = Math.round(similarity(first, second) * 1000) / 1000;
  return { similarity: score, samePerson: score >= SAME_PERSON_MIN_SIMILARITY };
}
