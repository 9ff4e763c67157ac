import { afterEach, describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { s3Client } from '@/lib/aws/clients';
import { deleteFaceLibrary, deleteFaces, putFaces, readFaceLibraryState, touchFaceLibrary } from '@/lib/db';
import { encodeDescriptor } from '@/lib/faces/descriptors';
import { findInconsistencies } from '@/lib/consistency';
import { clearFaceLibraryCache, storeFaceIndexIfDue } from '@/lib/people/face-library';
import { decodeFaceIndex, encodeFaceIndex } from '@/lib/people/face-index-file';
import { forgetImageFaces } from '@/lib/people/forget-image-faces';
import { createLocalRecognizer } from '@/lib/people/local-recognizer';
import { faceIndexObjectKey, openObjectStream, writeObject } from '@/lib/storage';
import { newUserId } from './helpers';

/*
 * The built-in recognizer's face index through the local cloud: the object in S3, the face-library
 * item in DynamoDB that says how far it is behind, and the copy in memory. Faces are put in the table
 * directly, with synthetic 64-value descriptors, as an index-faces run writes them.
 */

const recognizer = createLocalRecognizer(() => Promise.reject(new Error('these tests search by face only')));

/** A seeded 64-value vector; `person` faces are that vector with a little noise, everyone else random. */
function vector(seed: number): number[] {
  let state = seed;
  const uniform = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 || 1e-9;
  return Array.from({ length: 64 }, () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}
const PERSON = vector(7);

function face(userId: string, n: number, same: boolean) {
  const imageId = `img${String(n).padStart(13, '0')}`;
  const descriptor = same ? PERSON.map((value, i) => value + 0.1 * Math.sin(n + i)) : vector(n + 100);
  return { userId, imageId, faceId: `${imageId}.0`, personId: '', box: { left: 0, top: 0, width: 0.5, height: 0.5 }, confidence: 0.9, descriptor: encodeDescriptor(descriptor), thumbnailKey: 'unused' };
}

type Face = ReturnType<typeof face>;

/** Faces in the table and their changes counted, as index-faces runs leave them (one photo each). */
async function indexed(faces: Face[]): Promise<void> {
  await putFaces(faces);
  await touchFaceLibrary(faces[0]!.userId, faces.map((one) => one.imageId));
}

async function matchesOf(query: Face): Promise<string[]> {
  const found: string[] = [];
  for await (const batch of recognizer.searchByFace(query.userId, query)) found.push(...batch.map((match) => match.faceId));
  return found.sort();
}

async function storedIndex(userId: string) {
  const object = await openObjectStream(resources.mediaBucket, faceIndexObjectKey(userId));
  return object ? decodeFaceIndex(object.body) : null;
}

/** Counts what this process asks S3 for under the face index prefix while `work` runs. */
async function faceIndexReads<T>(work: () => Promise<T>): Promise<{ result: T; reads: number }> {
  let reads = 0;
  const name = `count-face-index-reads-${Math.random()}`;
  s3Client().middlewareStack.add(
    (next, context) => async (args) => {
      const key = (args.input as { Key?: string }).Key ?? '';
      if (context.commandName === 'GetObjectCommand' && key.startsWith('face-indexes/')) reads += 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    return { result: await work(), reads };
  } finally {
    s3Client().middlewareStack.remove(name);
  }
}

afterEach(() => clearFaceLibraryCache());

describe('face index', () => {
  it('is stored as one object, which a cold process searches without reading the faces from the table', async () => {
    const userId = newUserId();
    const faces = Array.from({ length: 400 }, (_, n) => face(userId, n, n % 100 === 0));
    await indexed(faces);
    await storeFaceIndexIfDue(userId);
    const stored = await storedIndex(userId);
    expect(stored).toMatchObject({ version: (await readFaceLibraryState(userId)).version, dimensions: 64 });
    expect(stored!.faces.map((one) => one.faceId).sort()).toEqual(faces.map((one) => one.faceId).sort());

    // The face items go without the library knowing: only the object can still answer with them.
    await deleteFaces(faces.slice(1));
    clearFaceLibraryCache();
    const cold = await faceIndexReads(() => matchesOf(faces[0]!));
    expect(cold).toEqual({ result: ['img0000000000100.0', 'img0000000000200.0', 'img0000000000300.0'], reads: 1 });
    // Warm: from memory, no object read.
    expect(await faceIndexReads(() => matchesOf(faces[0]!))).toEqual({ result: cold.result, reads: 0 });
  });

  it('catches up on the photos changed since the object, and rebuilds an object it cannot trust', async () => {
    const userId = newUserId();
    const faces = Array.from({ length: 30 }, (_, n) => face(userId, n, n < 3));
    await indexed(faces);
    await storeFaceIndexIfDue(userId);
    const storedVersion = (await storedIndex(userId))!.version;

    // One more photo of the person, counted but not stored: a cold search reads the object and that photo's faces.
    const later = face(userId, 30, true);
    await indexed([later]);
    clearFaceLibraryCache();
    const caughtUp = await faceIndexReads(() => matchesOf(faces[0]!));
    expect(caughtUp).toEqual({ result: [faces[1]!.faceId, faces[2]!.faceId, later.faceId].sort(), reads: 1 });
    expect((await storedIndex(userId))!.version).toBe(storedVersion);

    // An object of a version the library never reached (another life of the account, a bad copy): not used, but rebuilt from the table.
    const state = await readFaceLibraryState(userId);
    const stranger = face(userId, 999, true);
    const bogus = { generation: state.generation!, version: state.version + 5, dimensions: 64, faces: [{ imageId: stranger.imageId, faceId: stranger.faceId }], matrix: Buffer.from(stranger.descriptor, 'base64') };
    await writeObject(resources.mediaBucket, faceIndexObjectKey(userId), encodeFaceIndex({ ...bogus, matrix: new Int8Array(bogus.matrix) }), 'application/octet-stream');
    clearFaceLibraryCache();
    expect(await matchesOf(faces[0]!)).toEqual(caughtUp.result);
    const rebuilt = await storedIndex(userId);
    expect(rebuilt).toMatchObject({ generation: state.generation, version: state.version });
    expect(rebuilt!.faces).toHaveLength(31);

    // Another generation: the library's item went (all faces forgotten) and came back.
    await deleteFaceLibrary(userId);
    await touchFaceLibrary(userId, [later.imageId]);
    clearFaceLibraryCache();
    expect(await matchesOf(faces[0]!)).toEqual(caughtUp.result);
    expect((await storedIndex(userId))!.generation).toBe((await readFaceLibraryState(userId)).generation);
  });

  it('loses no change when index runs for one user write at the same moment', async () => {
    const userId = newUserId();
    const faces = Array.from({ length: 12 }, (_, n) => face(userId, n, true));
    await putFaces(faces);
    // Twelve runs, each counting its photo and storing the index when due, all at once.
    await Promise.all(
      faces.map(async (one) => {
        await touchFaceLibrary(userId, [one.imageId]);
        await storeFaceIndexIfDue(userId);
      }),
    );
    const state = await readFaceLibraryState(userId);
    expect(state.version).toBe(12);
    clearFaceLibraryCache();
    expect(await matchesOf(faces[0]!)).toEqual(faces.slice(1).map((one) => one.faceId).sort());
    expect(await recognizer.countFaces(userId)).toBe(12);
  });

  it('catches up an older copy that landed after a newer one, as two runs storing at once can leave it', async () => {
    const userId = newUserId();
    const faces = Array.from({ length: 8 }, (_, n) => face(userId, n, n < 6));
    await indexed(faces.slice(0, 4));
    await storeFaceIndexIfDue(userId);
    const older = await openObjectStream(resources.mediaBucket, faceIndexObjectKey(userId));
    const olderBytes = Buffer.concat(await older!.body.toArray());
    await indexed(faces.slice(4));
    await storeFaceIndexIfDue(userId);
    expect((await storedIndex(userId))!.version).toBe((await readFaceLibraryState(userId)).version);
    // The slower run's write lands last.
    await writeObject(resources.mediaBucket, faceIndexObjectKey(userId), olderBytes, 'application/octet-stream');
    clearFaceLibraryCache();
    expect(await faceIndexReads(() => matchesOf(faces[0]!))).toEqual({ result: faces.slice(1, 6).map((one) => one.faceId), reads: 1 });
    // Caught up, not rebuilt: the object is still the older copy.
    expect((await storedIndex(userId))!.faces).toHaveLength(4);
  });

  it('takes a deleted photo’s faces out, in memory and in the object stored next', async () => {
    const userId = newUserId();
    const faces = Array.from({ length: 10 }, (_, n) => face(userId, n, n < 4));
    await indexed(faces);
    await storeFaceIndexIfDue(userId);
    expect(await matchesOf(faces[0]!)).toEqual([faces[1]!.faceId, faces[2]!.faceId, faces[3]!.faceId]);

    await forgetImageFaces(recognizer, { userId, imageId: faces[1]!.imageId });
    expect(await matchesOf(faces[0]!)).toEqual([faces[2]!.faceId, faces[3]!.faceId]);
    clearFaceLibraryCache();
    expect(await matchesOf(faces[0]!)).toEqual([faces[2]!.faceId, faces[3]!.faceId]);
    await storeFaceIndexIfDue(userId);
    expect((await storedIndex(userId))!.faces.map((one) => one.faceId)).not.toContain(faces[1]!.faceId);
  });

  it('is accounted for by its face library in the consistency check, and an orphan without one that nothing brings back', async () => {
    const userId = newUserId();
    await indexed([face(userId, 1, true)]);
    await storeFaceIndexIfDue(userId);
    const key = faceIndexObjectKey(userId);
    expect((await findInconsistencies()).filter((found) => found.key === key)).toEqual([]);
    // The library goes with the account; an index run that stored after the deletion's pass leaves the object.
    await deleteFaceLibrary(userId);
    clearFaceLibraryCache();
    // check:user counts nothing, and brings back neither the library nor an index of it.
    expect(await recognizer.countFaces(userId)).toBe(0);
    expect(await readFaceLibraryState(userId)).toEqual({ version: 0, generation: null, changes: { since: 0, imageIds: [] } });
    expect((await findInconsistencies()).filter((found) => found.key === key)).toEqual([expect.objectContaining({ problem: 'object-without-record', detail: 'face index of no face library' })]);
  });
});
