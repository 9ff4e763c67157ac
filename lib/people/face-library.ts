import { allPages } from '../all-pages';
import { resources } from '../aws/resources';
import { listFacesOfImage, listFacesOfUser, readFaceLibraryState, forgetFaceChangesUpTo, touchFaceLibrary, type FaceItem, type FaceLibraryState } from '../db';
import { decodeDescriptor } from '../faces/descriptors';
import { deleteObjects, faceIndexObjectKey, openObjectStream, writeObject } from '../storage';
import { DescriptorMatrix } from './descriptor-matrix';
import { decodeFaceIndex, encodeFaceIndex, type FaceRef } from './face-index-file';

/*
 * The built-in recognizer's face index: a user's described faces, their descriptors in one int8
 * matrix, searched exactly (descriptor-matrix.ts). A cache, kept in three places:
 * - in memory, per process, for the users searched last;
 * - in S3, one object per user (face-index-file.ts), which a cold process reads instead of the table;
 * - the table, which is the truth: every change to a user's faces moves the version on their
 *   face-library item and names the photo it was to (lib/db/face-library.ts).
 * A copy at version v of the right generation catches up by re-reading the faces of the photos changed
 * after v; one older than the changes the item still lists, of another generation, or missing when
 * faces were stored before, is rebuilt from the table, and stored again.
 */

/** One part of an index: some faces, their descriptors in the same order, and which rows a later change replaced. */
export class FaceSegment {
  private readonly dropped: Uint8Array;
  private droppedCount = 0;

  constructor(
    readonly faces: FaceRef[],
    readonly matrix: DescriptorMatrix,
  ) {
    this.dropped = new Uint8Array(faces.length);
  }

  get liveRows(): number {
    return this.faces.length - this.droppedCount;
  }

  /** Drops the rows of these photos: their faces changed, and a newer segment holds them as they are now. */
  drop(imageIds: ReadonlySet<string>): void {
    this.faces.forEach((face, row) => {
      if (this.dropped[row] === 0 && imageIds.has(face.imageId)) {
        this.dropped[row] = 1;
        this.droppedCount += 1;
      }
    });
  }

  /** Its live faces at or above the similarity, most similar first. */
  matches(query: Int8Array, minSimilarity: number): { face: FaceRef; similarity: number }[] {
    if (this.liveRows === 0) return [];
    // Ask for a few more than will likely match, and for more again while the last one asked for still matches.
    for (let count = Math.min(this.faces.length, FIRST_LOOK + this.droppedCount); ; count = Math.min(this.faces.length, count * 8)) {
      const nearest = this.matrix.nearest(query, count);
      if (count < this.faces.length && nearest.at(-1)!.similarity >= minSimilarity) continue;
      return nearest.filter(({ row, similarity }) => similarity >= minSimilarity && this.dropped[row] === 0).map(({ row, similarity }) => ({ face: this.faces[row]!, similarity }));
    }
  }

  /** Its live faces and their descriptors. */
  *live(): Generator<{ face: FaceRef; descriptor: Int8Array }> {
    for (let row = 0; row < this.faces.length; row++) if (this.dropped[row] === 0) yield { face: this.faces[row]!, descriptor: this.matrix.row(row) };
  }
}

/** Matches looked at first in a segment: more than a person has faces in most libraries. */
const FIRST_LOOK = 256;

interface LoadedIndex {
  generation: string | null;
  /** The library version it is up to date with. */
  version: number;
  /** The version of the last object this process read or wrote (null: none); another process may have stored a newer one since. */
  storedVersion: number | null;
  dimensions: number;
  segments: FaceSegment[];
}

/**
 * Changed photos a copy catches up on at most; further behind, the table is read whole instead. A
 * catch-up reads each photo's faces (one query each), a rebuild every face of the user.
 */
const MAX_CATCH_UP = 256;
/** Photos whose faces are re-read at once while catching up. */
const CATCH_UP_CONCURRENCY = 8;
/** Faces per DynamoDB page while rebuilding: about 1.4 KB each, so a page stays near DynamoDB's 1 MB cap. */
const PAGE_FACES = 700;
/** Segments kept before an index in memory is laid out again as one. */
const MAX_SEGMENTS = 32;
/**
 * The object is stored again once the changes since its last copy, times this, reach its size: at
 * most about 4 MB written per changed photo on average, so a small library is stored at every change
 * and one of 100,000 faces (100 MB) once in 25 photos, while readers catch up on the rest.
 */
const STORE_BYTES_PER_CHANGE = 4 * 1024 * 1024;
/**
 * Changes the library keeps listing from before the version just stored. Two runs storing at once
 * may leave the older copy last (S3 keeps the last write): one up to this many changes behind still
 * catches up instead of being rebuilt from the table.
 */
const CHANGES_KEPT_BEHIND_STORE = 128;
/**
 * Descriptor bytes kept in memory across users. A user searching once tends to search again; a bound
 * keeps a busy server's memory flat (the site's function has 1,024 MB; 100,000 faces take 100 MB).
 */
const CACHED_BYTES = 256 * 1024 * 1024;

const cache = new Map<string, LoadedIndex>();
/** Loads and stores of one user's index run one after another: a catch-up changes the copy in memory, and a store lays it out anew. */
const working = new Map<string, Promise<unknown>>();

function serially<T>(userId: string, work: () => Promise<T>): Promise<T> {
  const next = (working.get(userId) ?? Promise.resolve()).catch(() => undefined).then(work);
  working.set(userId, next);
  const done = () => {
    if (working.get(userId) === next) working.delete(userId);
  };
  next.then(done, done);
  return next;
}

function bytesOf(index: LoadedIndex): number {
  return index.segments.reduce((sum, segment) => sum + segment.matrix.bytes.byteLength, 0);
}

function remember(userId: string, index: LoadedIndex): void {
  cache.delete(userId);
  cache.set(userId, index);
  let total = [...cache.values()].reduce((sum, held) => sum + bytesOf(held), 0);
  for (const [heldBy, held] of cache) {
    if (total <= CACHED_BYTES || heldBy === userId) break;
    cache.delete(heldBy);
    total -= bytesOf(held);
  }
}

/**
 * The user's face index, up to date with the table as of this call: from memory, caught up on what
 * changed since; else from its object in S3, caught up the same way; else rebuilt from the table and
 * stored. The segments are those of the copy in memory: search them, never change them.
 */
export async function loadFaceIndex(userId: string): Promise<{ segments: readonly FaceSegment[]; version: number }> {
  const index = await serially(userId, () => load(userId));
  return { segments: [...index.segments], version: index.version };
}

async function load(userId: string): Promise<LoadedIndex> {
  const state = await readFaceLibraryState(userId);
  const held = cache.get(userId);
  if (held && (await caughtUp(userId, held, state))) {
    remember(userId, held);
    return held;
  }
  cache.delete(userId);
  // No library: nothing was ever indexed, or all of it went with the account. An object left is an orphan
  // (the consistency check says so), and nothing is written: a search or check:user must not bring the library back.
  if (state.version === 0 && state.generation === null) return { generation: null, version: 0, storedVersion: null, dimensions: 0, segments: [] };
  const stored = await readStoredIndex(userId);
  if (stored && (await caughtUp(userId, stored, state))) {
    remember(userId, stored);
    return stored;
  }
  const rebuilt = await rebuild(userId);
  remember(userId, rebuilt);
  return rebuilt;
}

/** Brings a copy up to the library's state by re-reading the photos changed since; false when it cannot be (too old, another generation). */
async function caughtUp(userId: string, index: LoadedIndex, state: FaceLibraryState): Promise<boolean> {
  if (!state.changes || index.generation !== state.generation) return false;
  const { since, imageIds } = state.changes;
  if (index.version < since || index.version > state.version) return false;
  const changed = new Set(imageIds.slice(index.version - since));
  if (changed.size > MAX_CATCH_UP) return false;
  if (changed.size > 0) {
    const faces: FaceItem[] = [];
    const queue = [...changed];
    await Promise.all(
      Array.from({ length: Math.min(CATCH_UP_CONCURRENCY, queue.length) }, async () => {
        for (let imageId = queue.pop(); imageId; imageId = queue.pop()) faces.push(...(await listFacesOfImage(userId, imageId)));
      }),
    );
    for (const segment of index.segments) segment.drop(changed);
    const segment = segmentOf(faces);
    if (segment) {
      if (index.dimensions && segment.matrix.dimensions !== index.dimensions) return false;
      index.dimensions = segment.matrix.dimensions;
      index.segments.push(segment);
    }
    if (index.segments.length > MAX_SEGMENTS) index.segments = [flatten(index)];
  }
  index.version = state.version;
  return true;
}

function segmentOf(faces: FaceItem[]): FaceSegment | null {
  const described = faces.filter((face) => face.descriptor !== undefined);
  if (described.length === 0) return null;
  return new FaceSegment(
    described.map(({ imageId, faceId }) => ({ imageId, faceId })),
    DescriptorMatrix.from(described.map((face) => decodeDescriptor(face.descriptor!))),
  );
}

/** Every live row of an index in one segment. */
function flatten(index: LoadedIndex): FaceSegment {
  const rows = index.segments.reduce((sum, segment) => sum + segment.liveRows, 0);
  const faces: FaceRef[] = [];
  const data = new Int8Array(rows * index.dimensions);
  for (const segment of index.segments) {
    for (const { face, descriptor } of segment.live()) {
      data.set(descriptor, faces.length * index.dimensions);
      faces.push(face);
    }
  }
  return new FaceSegment(faces, DescriptorMatrix.of(index.dimensions, data));
}

async function readStoredIndex(userId: string): Promise<LoadedIndex | null> {
  const object = await openObjectStream(resources.mediaBucket, faceIndexObjectKey(userId));
  if (!object) return null;
  let snapshot;
  try {
    snapshot = await decodeFaceIndex(object.body);
  } catch {
    // A broken or older-format object is a cache miss: the rebuild writes it again. What is left of it is not read.
    object.body.destroy();
    return null;
  }
  const segments = snapshot.faces.length > 0 ? [new FaceSegment(snapshot.faces, DescriptorMatrix.of(snapshot.dimensions, snapshot.matrix))] : [];
  return { generation: snapshot.generation, version: snapshot.version, storedVersion: snapshot.version, dimensions: snapshot.dimensions, segments };
}

/**
 * Reads every face of the user from the table into a new copy at the version read before it: a face
 * changed while the table is read moves the version past it, so the next load re-reads that photo.
 */
async function rebuild(userId: string): Promise<LoadedIndex> {
  // Tracks the library's changes from here on if it did not yet (an item older than the index).
  const { version, generation } = await touchFaceLibrary(userId, []);
  const index: LoadedIndex = { generation, version, storedVersion: null, dimensions: 0, segments: [] };
  for await (const faces of allPages((cursor) => listFacesOfUser(userId, { cursor, limit: PAGE_FACES }))) {
    const segment = segmentOf(faces);
    if (!segment) continue;
    if (index.dimensions && segment.matrix.dimensions !== index.dimensions) throw new Error(`The faces of ${userId} have descriptors of ${index.dimensions} and ${segment.matrix.dimensions} values`);
    index.dimensions = segment.matrix.dimensions;
    index.segments.push(segment);
  }
  await store(userId, index);
  return index;
}

/** Writes the copy in memory as the user's index object, and lets the library forget the changes it holds. */
async function store(userId: string, index: LoadedIndex): Promise<void> {
  const only = index.segments.length === 1 ? index.segments[0]! : null;
  const segment = only && only.liveRows === only.faces.length ? only : flatten(index);
  index.segments = segment.faces.length > 0 ? [segment] : [];
  const { generation, version } = index;
  const body = encodeFaceIndex({
    generation: generation!,
    version,
    dimensions: index.dimensions,
    faces: segment.faces,
    matrix: segment.matrix.bytes,
  });
  await writeObject(resources.mediaBucket, faceIndexObjectKey(userId), body, 'application/octet-stream', { cache: 'revalidate' });
  index.storedVersion = version;
  await forgetFaceChangesUpTo(userId, generation!, version - CHANGES_KEPT_BEHIND_STORE);
}

/**
 * Stores the user's index again when enough changed since its last copy (STORE_BYTES_PER_CHANGE):
 * what the index-faces job does after each photo.
 */
export function storeFaceIndexIfDue(userId: string): Promise<void> {
  return serially(userId, async () => {
    const index = await load(userId);
    if (index.version === index.storedVersion || !index.generation) return;
    if (index.storedVersion !== null && (index.version - index.storedVersion) * STORE_BYTES_PER_CHANGE < bytesOf(index)) return;
    await store(userId, index);
  });
}

/** Forgets a user's index everywhere: for an account whose faces all go. */
export async function deleteFaceIndex(userId: string): Promise<void> {
  cache.delete(userId);
  await deleteObjects(resources.mediaBucket, [faceIndexObjectKey(userId)]);
}

/** Forgets what is held in memory (tests, and the bench's cold runs). */
export function clearFaceLibraryCache(): void {
  cache.clear();
}
