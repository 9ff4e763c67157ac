import type { DescribedFace } from '../faces/describe-faces-event';
import { decodeDescriptor } from '../faces/descriptors';
import { largestFace } from '../faces/largest-face';
import type { FacePhoto } from '../faces/schemas';
import { loadFaceIndex } from './face-library';
import { ForeignFaceError, NoFaceError, type FaceMatch, type FaceRecognizer } from './recognizer';

/**
 * Cosine similarity of two built-in descriptors at and above which they are the same person.
 * Measured on the fixture faces (lib/people/local-recognizer.test.ts holds the line): the same face after a
 * crop, a 50% resize, ±30% brightness or a mirror scores 0.87–1.00; two different people 0.19–0.56.
 * 0.70 sits in the gap, nearer the strangers, because a missed match costs a merge click while a false
 * one puts a stranger among someone's photos.
 */
export const SAME_PERSON_MIN_SIMILARITY = 0.7;

/** What the built-in model finds in a photo, wherever it runs: in this process, or in the describe-faces function. */
export type DescribeFaces = (photo: FacePhoto) => Promise<DescribedFace[]>;

/**
 * The built-in recognizer: descriptors from the face model, kept with each face in the table (the
 * user's partition, so a search reads that user's faces and nobody else's), compared in memory
 * through the user's face index (face-library.ts).
 */
export function createLocalRecognizer(describe: DescribeFaces): FaceRecognizer {
  async function* search(userId: string, query: Int8Array, exceptFaceId?: string): AsyncGenerator<FaceMatch[]> {
    const { segments } = await loadFaceIndex(userId);
    for (const segment of segments) {
      const matches = segment
        .matches(query, SAME_PERSON_MIN_SIMILARITY)
        .filter(({ face }) => face.faceId !== exceptFaceId)
        .map(({ face, similarity }) => ({ imageId: face.imageId, faceId: face.faceId, similarity: Math.min(1, similarity) }));
      if (matches.length > 0) yield matches;
    }
  }

  return {
    name: 'local',
    samePersonMinSimilarity: SAME_PERSON_MIN_SIMILARITY,
    index: (_owner, photo) => describe(photo),
    searchByFace(userId, face) {
      if (!face.descriptor) throw new ForeignFaceError(`Face ${face.faceId} has no descriptor: it was indexed by another recognizer.`);
      return search(userId, decodeDescriptor(face.descriptor), face.faceId);
    },
    async *searchByPhoto(userId, photo) {
      const largest = largestFace(await describe(photo));
      if (!largest?.descriptor) throw new NoFaceError('No face was found in that photo. Try one where the face is clearly visible.');
      yield* search(userId, decodeDescriptor(largest.descriptor));
    },
    // The descriptors live in the face items, which go with them; the face index learns of it from the face library's version.
    forget: async () => undefined,
    forgetPhoto: async () => undefined,
    // The descriptors are the face items themselves, which go with the rest of the user's items, and the face index object, under the user's prefix.
    forgetUser: async () => false,
    async countFaces(userId) {
      const { segments } = await loadFaceIndex(userId);
      return segments.reduce((sum, segment) => sum + segment.liveRows, 0);
    },
  };
}
