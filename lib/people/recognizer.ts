import type { DescribedFace } from '../faces/describe-faces-event';
import type { FaceAnalyzerName, FacePhoto } from '../faces/schemas';

/**
 * One face a recognizer found in a photo, with what it needs to find the face again: the built-in
 * model's descriptor (lib/faces/descriptors.ts), or Rekognition's id.
 */
export interface RecognizedFace extends DescribedFace {
  /** Rekognition's id for the face in the owner's collection. */
  providerFaceId?: string;
}

/** The stored face a search starts from: what the recognizer kept of it when it was indexed. */
export interface IndexedFaceRef {
  imageId: string;
  faceId: string;
  descriptor?: string;
  providerFaceId?: string;
}

/** One of the owner's faces that looks like the one searched for. */
export interface FaceMatch {
  imageId: string;
  faceId: string;
  /** 0–1, whichever recognizer measured it; comparable with that recognizer's `samePersonMinSimilarity` only. */
  similarity: number;
}

/** Thrown when a photo that should show a face shows none: the query photo of a search, or an input of `npm run faces`. */
export class NoFaceError extends Error {
  override name = 'NoFaceError';
}

/**
 * Thrown by searchByFace for a face the recognizer in use did not index: the other one did (before
 * the site switched between the built-in model and Rekognition), so it kept nothing to search with.
 */
export class ForeignFaceError extends Error {
  override name = 'ForeignFaceError';
}

/**
 * Finds faces and finds them again, for one owner at a time. Two adapters give the same shapes: the
 * built-in model (descriptors kept in the table, compared in memory) and Rekognition (one collection
 * per owner). Every method takes the owner's id and reads or writes that owner's faces only.
 */
export interface FaceRecognizer {
  readonly name: FaceAnalyzerName;
  /** The similarity at and above which two faces are the same person, on this recognizer's scale. */
  readonly samePersonMinSimilarity: number;
  /** Finds the faces of one of the owner's photos and keeps what is needed to find them again. */
  index(owner: { userId: string; imageId: string }, photo: FacePhoto): Promise<RecognizedFace[]>;
  /** The owner's faces that match one of their faces, each batch as it is found, best first within it; ForeignFaceError, at once, for a face the other recognizer indexed. */
  searchByFace(userId: string, face: IndexedFaceRef): AsyncIterable<FaceMatch[]>;
  /** The owner's faces that match the largest face in a photo that is not kept; NoFaceError when it shows none. */
  searchByPhoto(userId: string, photo: FacePhoto): AsyncIterable<FaceMatch[]>;
  /** Forgets faces of the owner's, so no later search returns them. */
  forget(userId: string, faces: IndexedFaceRef[]): Promise<void>;
  /**
   * Forgets every face it holds of one of the owner's photos, those the table never recorded included:
   * a run that stopped between indexing and writing its faces leaves such faces behind.
   */
  forgetPhoto(owner: { userId: string; imageId: string }): Promise<void>;
  /** Forgets every face of the owner's; true when it held anything of theirs to forget. */
  forgetUser(userId: string): Promise<boolean>;
  /** How many faces of the owner's it still holds: what `npm run check:user` reports of the face index. */
  countFaces(userId: string): Promise<number>;
}
