import { allPages } from '../all-pages';
import { faceLibraryVersion, listFacesOfUser } from '../db';
import { decodeDescriptor } from '../faces/descriptors';
import { DescriptorMatrix } from './descriptor-matrix';

/** One block of a user's faces: who each row is, and their descriptors in the same order. */
export interface FaceBlock {
  faces: { imageId: string; faceId: string }[];
  matrix: DescriptorMatrix;
}

interface LoadedLibrary {
  version: number;
  blocks: FaceBlock[];
}

/** Faces per DynamoDB page while loading: about 1.4 KB each, so a page stays near DynamoDB's 1 MB cap. */
const PAGE_FACES = 700;

/**
 * Users whose descriptors stay in memory between searches. Each 10,000 faces take about 10 MB, and a
 * user searching once tends to search again; a bounded set keeps a busy server's memory flat.
 */
const CACHED_USERS = 32;

const cache = new Map<string, LoadedLibrary>();

function remember(userId: string, library: LoadedLibrary): void {
  cache.delete(userId);
  cache.set(userId, library);
  while (cache.size > CACHED_USERS) cache.delete(cache.keys().next().value!);
}

/**
 * A user's indexed faces with descriptors, block by block, for the built-in model's searches. Served
 * from memory while the user's face library version has not moved (every indexing or deletion moves
 * it); otherwise read from the table a page at a time, each page handed on as it arrives so a search
 * can report its first matches before the last page is read.
 */
export async function* readFaceLibrary(userId: string): AsyncGenerator<FaceBlock> {
  const version = await faceLibraryVersion(userId);
  const cached = cache.get(userId);
  if (cached?.version === version) {
    remember(userId, cached);
    yield* cached.blocks;
    return;
  }
  const blocks: FaceBlock[] = [];
  for await (const faces of allPages((cursor) => listFacesOfUser(userId, { cursor, limit: PAGE_FACES }))) {
    const described = faces.filter((face) => face.descriptor !== undefined);
    if (described.length > 0) {
      const block: FaceBlock = {
        faces: described.map(({ imageId, faceId }) => ({ imageId, faceId })),
        matrix: DescriptorMatrix.from(described.map((face) => decodeDescriptor(face.descriptor!))),
      };
      blocks.push(block);
      yield block;
    }
  }
  // Stored under the version read before the pages: if faces changed meanwhile, the next search sees a newer version and reloads.
  remember(userId, { version, blocks });
}

/** Forgets what is held in memory (tests, and the bench's cold runs). */
export function clearFaceLibraryCache(): void {
  cache.clear();
}
