import type { FaceAnalyzerName, FacePhoto } from '../faces/schemas';
import type { Face } from './schemas';

/**
 * Finds the faces in one photo. Both adapters (Rekognition and the built-in model) return the same
 * shape, with 'unknown' wherever they cannot tell; image quality is measured apart, from the pixels,
 * so it never depends on which adapter ran.
 */
export interface FaceAnalyzer {
  readonly name: FaceAnalyzerName;
  detect(input: FacePhoto): Promise<Face[]>;
}
