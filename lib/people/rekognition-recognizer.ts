import {
  CreateCollectionCommand,
  DeleteCollectionCommand,
  DeleteFacesCommand,
  DescribeCollectionCommand,
  DetectFacesCommand,
  IndexFacesCommand,
  ListFacesCommand,
  SearchFacesByImageCommand,
  SearchFacesCommand,
  type BoundingBox,
  type FaceMatch as RekognitionFaceMatch,
  type FaceRecord,
  type Image,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import { z } from 'zod';
import { ForeignFaceError, NoFaceError, type FaceMatch, type FaceRecognizer, type IndexedFaceRef, type RecognizedFace } from './recognizer';
import { createFacePhotoInput, type Box, type FacePhoto } from '../faces/schemas';

/**
 * Rekognition's similarity (as a fraction) at and above which two faces are the same person.
 * SearchFaces defaults to 80%; grouping asks for more because its two mistakes cost differently: a
 * missed match leaves two people the owner can merge in one click, while a false one puts a stranger
 * among someone's photos, which misleads and is only noticed by looking.
 */
export const REKOGNITION_SAME_PERSON_MIN_SIMILARITY = 0.9;

/** IndexFaces indexes at most 100 faces of a photo; a crowd's small background faces count too. */
const MAX_FACES_PER_PHOTO = 100;
/** The most faces a search API or one ListFaces page returns, and the most face ids one DeleteFaces takes (Rekognition's limits). */
const MAX_FACES_PER_CALL = 4096;

/*
 * LOW is the lowest bar that still filters: it drops what is not usable as a face (a pattern taken
 * for one, a blur), which would cost storage and could be matched. NONE indexes all of that; AUTO,
 * IndexFaces' default, lets Rekognition pick an undocumented bar that may drop the small background
 * faces (about 3% of the photo's width) grouping should keep; MEDIUM and HIGH drop more.
 */
const INDEX_QUALITY_FILTER = 'LOW';

const NO_FACE_MESSAGE = 'No face was found in that photo. Try one where the face is clearly visible.';

/** Rekognition's rule for collection ids. */
const CollectionIdSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9_.-]+$/);
const CollectionPrefixSchema = z
  .string()
  .max(254)
  .regex(/^[a-zA-Z0-9_.-]*$/, 'A collection prefix may only hold a-z, A-Z, 0-9, _, . and -.');

/**
 * The collection that holds one user's faces. Throws for an id Rekognition would refuse rather than
 * rewriting it, since two user ids rewritten alike would share a collection.
 */
export function collectionIdOf(prefix: string, userId: string): string {
  const collectionId = `${prefix}${userId}`;
  if (userId.length === 0 || !CollectionIdSchema.safeParse(collectionId).success) {
    throw new Error(`"${collectionId}" cannot name a Rekognition collection: it must be 1–255 characters of a-z, A-Z, 0-9, _, . and -, and end with a user id.`);
  }
  return collectionId;
}

/** One face of an image as the table keeps it: what a Rekognition match is translated back through. */
export interface StoredFace {
  faceId: string;
  providerFaceId?: string;
}

export interface RekognitionRecognizerOptions {
  client: RekognitionClient;
  /** Put before each user id to name their collection, so environments sharing an account stay apart. */
  collectionPrefix: string;
  /** The faces the table holds for one of the user's images (lib/db listFacesOfImage). */
  facesOfImage(userId: string, imageId: string): Promise<StoredFace[]>;
}

/*
 * Collections this process has created or found, so warm invocations skip CreateCollection. A
 * collection deleted by another process is dropped from it when a call finds it missing.
 */
const knownCollections = new Set<string>();

/**
 * Amazon Rekognition face collections, one per user: every call names the collection of the user id
 * it is given, so a search cannot reach another user's faces. Rekognition keeps the face vectors; the
 * table keeps which face of which image each FaceId is, and matches are read back through it.
 */
export function createRekognitionRecognizer(options: RekognitionRecognizerOptions): FaceRecognizer {
  const { client, facesOfImage } = options;
  const prefix = CollectionPrefixSchema.parse(options.collectionPrefix);
  const collectionOf = (userId: string) => collectionIdOf(prefix, userId);

  /** The call's response, or undefined when the collection (or the face searched from) does not exist. */
  async function unlessMissing<T>(collectionId: string, call: Promise<T>): Promise<T | undefined> {
    try {
      return await call;
    } catch (error) {
      if (!isServiceError(error, 'ResourceNotFoundException')) throw error;
      knownCollections.delete(collectionId);
      return undefined;
    }
  }

  async function ensureCollection(collectionId: string): Promise<void> {
    if (knownCollections.has(collectionId)) return;
    try {
      await client.send(new CreateCollectionCommand({ CollectionId: collectionId }));
    } catch (error) {
      // Another invocation created it first, or an earlier process did: either way it is there.
      if (!isServiceError(error, 'ResourceAlreadyExistsException')) throw error;
    }
    knownCollections.add(collectionId);
  }

  async function forgetFaceIds(collectionId: string, faceIds: string[]): Promise<void> {
    const unique = [...new Set(faceIds)];
    for (let start = 0; start < unique.length; start += MAX_FACES_PER_CALL) {
      const chunk = unique.slice(start, start + MAX_FACES_PER_CALL);
      // A missing collection holds nothing to forget; faces already gone come back as FACE_NOT_FOUND, which is fine too.
      const response = await unlessMissing(collectionId, client.send(new DeleteFacesCommand({ CollectionId: collectionId, FaceIds: chunk })));
      if (!response) return;
    }
  }

  /**
   * Rekognition's matches as the user's faces, best first. A match is read back through the table's
   * faces of its image, so only faces the table holds for this user come out. A match the table does
   * not hold while it holds other faces of that image was left by an earlier run of the image's
   * index (one that stopped between IndexFaces and the table write) and is deleted. While the table
   * holds no face of the image, its index may still be running, so its faces are skipped, not deleted.
   */
  async function toMatches(userId: string, collectionId: string, found: RekognitionFaceMatch[], except?: string): Promise<FaceMatch[]> {
    const imageIds = [...new Set(found.flatMap((match) => match.Face?.ExternalImageId ?? []))];
    const tables = new Map(await Promise.all(imageIds.map(async (imageId) => [imageId, await facesOfImage(userId, imageId)] as const)));
    const matches: FaceMatch[] = [];
    const orphans: string[] = [];
    for (const { Face: face, Similarity: similarity } of found) {
      const providerFaceId = face?.FaceId;
      const imageId = face?.ExternalImageId;
      if (!providerFaceId || !imageId || providerFaceId === except) continue;
      const stored = tables.get(imageId) ?? [];
      const known = stored.find((candidate) => candidate.providerFaceId === providerFaceId);
      if (known) matches.push(toFaceMatch(imageId, known, similarity));
      else if (stored.length > 0) orphans.push(providerFaceId);
    }
    await forgetFaceIds(collectionId, orphans);
    return matches.sort((a, b) => b.similarity - a.similarity);
  }

  async function searchFaces(userId: string, providerFaceId: string): Promise<FaceMatch[]> {
    const collectionId = collectionOf(userId);
    const response = await unlessMissing(
      collectionId,
      client.send(
        new SearchFacesCommand({
          CollectionId: collectionId,
          FaceId: providerFaceId,
          FaceMatchThreshold: REKOGNITION_SAME_PERSON_MIN_SIMILARITY * 100,
          MaxFaces: MAX_FACES_PER_CALL,
        }),
      ),
    );
    return response ? toMatches(userId, collectionId, response.FaceMatches ?? [], providerFaceId) : [];
  }

  async function searchFacesByImage(userId: string, photo: FacePhoto): Promise<FaceMatch[]> {
    const collectionId = collectionOf(userId);
    const response = await unlessMissing(
      collectionId,
      client.send(
        new SearchFacesByImageCommand({
          CollectionId: collectionId,
          Image: imageOf(photo),
          FaceMatchThreshold: REKOGNITION_SAME_PERSON_MIN_SIMILARITY * 100,
          MaxFaces: MAX_FACES_PER_CALL,
        }),
      ),
    ).catch((error: unknown) => {
      if (isNoFaceInImage(error)) throw new NoFaceError(NO_FACE_MESSAGE);
      throw error;
    });
    if (response) return toMatches(userId, collectionId, response.FaceMatches ?? []);
    // Nothing indexed yet, so nothing to match; the photo must still show a face, as with any other user.
    await requireFace(photo);
    return [];
  }

  async function requireFace(photo: FacePhoto): Promise<void> {
    const response = await client.send(new DetectFacesCommand({ Image: imageOf(photo) }));
    if ((response.FaceDetails ?? []).length === 0) throw new NoFaceError(NO_FACE_MESSAGE);
  }

  return {
    name: 'rekognition',
    samePersonMinSimilarity: REKOGNITION_SAME_PERSON_MIN_SIMILARITY,

    async index(owner, rawPhoto) {
      const photo = createFacePhotoInput.parse(rawPhoto);
      const collectionId = collectionOf(owner.userId);
      await ensureCollection(collectionId);
      // A retried run indexes the photo again: forget what the last complete run left, or it would be found twice.
      const earlier = await facesOfImage(owner.userId, owner.imageId);
      await forgetFaceIds(collectionId, providerFaceIds(earlier));
      const response = await unlessMissing(
        collectionId,
        client.send(
          new IndexFacesCommand({
            CollectionId: collectionId,
            Image: imageOf(photo),
            ExternalImageId: owner.imageId,
            MaxFaces: MAX_FACES_PER_PHOTO,
            QualityFilter: INDEX_QUALITY_FILTER,
            DetectionAttributes: ['DEFAULT'],
          }),
        ),
      );
      // Deleted since this process created it: the retry creates it again.
      if (!response) throw new Error(`Collection ${collectionId} disappeared while indexing; retry.`);
      return (response.FaceRecords ?? []).flatMap((record) => toRecognizedFace(record) ?? []);
    },

    searchByFace(userId, face) {
      const { providerFaceId } = face;
      if (!providerFaceId) throw new ForeignFaceError(`Face ${face.faceId} of image ${face.imageId} has no Rekognition face id: it was indexed by another recognizer.`);
      return oneBatch(() => searchFaces(userId, providerFaceId));
    },

    searchByPhoto(userId, rawPhoto) {
      const photo = createFacePhotoInput.parse(rawPhoto);
      return oneBatch(() => searchFacesByImage(userId, photo));
    },

    async forget(userId, faces) {
      await forgetFaceIds(collectionOf(userId), providerFaceIds(faces));
    },

    async forgetPhoto(owner) {
      const collectionId = collectionOf(owner.userId);
      const faceIds: string[] = [];
      let nextToken: string | undefined;
      do {
        // ListFaces cannot filter by image: the whole collection is read, which only a discarded run pays for.
        const page = await unlessMissing(collectionId, client.send(new ListFacesCommand({ CollectionId: collectionId, MaxResults: MAX_FACES_PER_CALL, NextToken: nextToken })));
        if (!page) return;
        faceIds.push(...(page.Faces ?? []).flatMap((face) => (face.ExternalImageId === owner.imageId && face.FaceId ? [face.FaceId] : [])));
        nextToken = page.NextToken;
      } while (nextToken);
      await forgetFaceIds(collectionId, faceIds);
    },

    async forgetUser(userId) {
      const collectionId = collectionOf(userId);
      knownCollections.delete(collectionId);
      return (await unlessMissing(collectionId, client.send(new DeleteCollectionCommand({ CollectionId: collectionId })))) !== undefined;
    },

    async countFaces(userId) {
      const collectionId = collectionOf(userId);
      const described = await unlessMissing(collectionId, client.send(new DescribeCollectionCommand({ CollectionId: collectionId })));
      return described?.FaceCount ?? 0;
    },
  };
}

/** Rekognition's box may reach past the frame for a face cut by the edge; the shared box stays inside it. */
export function boxInFrame(box: BoundingBox): Box {
  const left = clamp01(box.Left ?? 0);
  const top = clamp01(box.Top ?? 0);
  return {
    left,
    top,
    width: clamp01((box.Left ?? 0) + (box.Width ?? 0)) - left,
    height: clamp01((box.Top ?? 0) + (box.Height ?? 0)) - top,
  };
}

/** One indexed face in the shared shape; a record without a face id or box (never sent) is skipped. */
function toRecognizedFace(record: FaceRecord): RecognizedFace | null {
  const providerFaceId = record.Face?.FaceId;
  const box = record.Face?.BoundingBox ?? record.FaceDetail?.BoundingBox;
  if (!providerFaceId || !box) return null;
  return { box: boxInFrame(box), confidence: fromPercent(record.Face?.Confidence ?? record.FaceDetail?.Confidence), providerFaceId };
}

function toFaceMatch(imageId: string, face: StoredFace, similarity: number | undefined): FaceMatch {
  return { imageId, faceId: face.faceId, similarity: fromPercent(similarity) };
}

/** Rekognition answers a search in one response, so its matches are one batch; none are no batch. */
async function* oneBatch(search: () => Promise<FaceMatch[]>): AsyncGenerator<FaceMatch[]> {
  const matches = await search();
  if (matches.length > 0) yield matches;
}

function providerFaceIds(faces: Pick<IndexedFaceRef, 'providerFaceId'>[]): string[] {
  return faces.flatMap((face) => face.providerFaceId ?? []);
}

/** The stored copy when there is one (up to 15 MB from S3, against 5 MB as bytes), the bytes otherwise. */
function imageOf(photo: FacePhoto): Image {
  return photo.location ? { S3Object: { Bucket: photo.location.bucket, Name: photo.location.key } } : { Bytes: photo.jpeg };
}

function isServiceError(error: unknown, name: string): error is Error {
  return error instanceof Error && error.name === name;
}

/** SearchFacesByImage's answer to a photo without a face: an InvalidParameterException that says so. */
function isNoFaceInImage(error: unknown): boolean {
  return isServiceError(error, 'InvalidParameterException') && /no faces? in the image/i.test(error.message);
}

function fromPercent(value: number | undefined): number {
  return clamp01((value ?? 0) / 100);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
