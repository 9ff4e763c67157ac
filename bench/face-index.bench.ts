import { quantize } from '../lib/faces/descriptors';
import { median, percentile, round, wallTime, type Bench } from './figure';
import { withLocalCloud } from './with-local-cloud';

/**
 * The built-in recognizer's face index at 100,000 faces of one user, through the local cloud (the
 * index object in the S3 emulator, the face library's item in dynalite):
 * - a search from a cold process (nothing in memory: the library's item, one object, the search),
 *   and warm searches (the item, then memory);
 * - per photo indexed, what the index-faces job does to the index (count the photo's change, catch
 *   the copy in memory up, store the object again when due) and, apart, the grouping of its face
 *   into people, which stays incremental: one photo's faces against the index, not a new clustering.
 *
 * The 100,000 faces are 5,000 synthetic people of 20 faces each, as in people.bench.ts. They are
 * seeded as an index job would have stored them: one index object (lib's own format) at the
 * library's version; the table holds only the faces the grouping runs read (their people's), since
 * writing 100,000 items to dynalite alone would take minutes.
 */

const FACES = 100_000;
const FACES_PER_PERSON = 20;
const DIMENSIONS = 1024;
const NOISE = 0.4;
const COLD_SEARCHES = 3;
const SEARCHES = 60;
/** Photos indexed one after another; the index object is stored again about once in 25 of them at this size. */
const PHOTOS = 40;

export const run: Bench = () =>
  withLocalCloud({}, async () => {
    const { encodeDescriptor } = await import('../lib/faces/descriptors');
    const { putFaces, touchFaceLibrary } = await import('../lib/db');
    const { encodeFaceIndex } = await import('../lib/people/face-index-file');
    const { clearFaceLibraryCache, storeFaceIndexIfDue } = await import('../lib/people/face-library');
    const { createLocalRecognizer } = await import('../lib/people/local-recognizer');
    const { groupNewFaces } = await import('../lib/people/group-new-faces');
    const { faceIndexObjectKey, writeObject } = await import('../lib/storage');
    const { resources } = await import('../lib/aws/resources');

    const userId = 'usr_bench_face_index';
    const imageIdOf = (n: number) => `img${String(n).padStart(13, '0')}`;
    const face = (n: number, descriptor: Int8Array) => {
      const imageId = imageIdOf(n);
      return { userId, imageId, faceId: `${imageId}.0`, personId: '', box: { left: 0.4, top: 0.3, width: 0.2, height: 0.3 }, confidence: 0.99, descriptor: encodeDescriptor(descriptor), thumbnailKey: 'unused' };
    };

    const synthetic = syntheticFaces();
    const { generation, version } = await touchFaceLibrary(userId, []);
    // Built in place, so that nothing of the seed but the matrix stays on the heap the index's own copy shares with the measurements.
    await writeObject(
      resources.mediaBucket,
      faceIndexObjectKey(userId),
      encodeFaceIndex({ generation: generation!, version, dimensions: DIMENSIONS, faces: Array.from({ length: FACES }, (_, n) => ({ imageId: imageIdOf(n), faceId: `${imageIdOf(n)}.0` })), matrix: synthetic.matrix }),
      'application/octet-stream',
    );
    // The people the new photos show, in the table as well, for grouping to read.
    for (let person = 0; person < PHOTOS; person++) {
      const own = Array.from({ length: FACES_PER_PERSON }, (_, i) => person * FACES_PER_PERSON + i);
      await putFaces(own.map((n) => face(n, synthetic.matrix.subarray(n * DIMENSIONS, (n + 1) * DIMENSIONS))));
    }

    const recognizer = createLocalRecognizer(() => Promise.reject(new Error('the bench searches by face only')));
    const searchOnce = async (n: number) => {
      let found = 0;
      for await (const batch of recognizer.searchByFace(userId, face(n, synthetic.matrix.subarray(n * DIMENSIONS, (n + 1) * DIMENSIONS)))) found += batch.length;
      if (found < FACES_PER_PERSON - 1) throw new Error(`a search found ${found} faces of a person with ${FACES_PER_PERSON}`);
    };
    const cold: number[] = [];
    for (let i = 0; i < COLD_SEARCHES; i++) {
      clearFaceLibraryCache();
      cold.push(await wallTime(() => searchOnce(i * 9973)));
    }
    const warm: number[] = [];
    for (let i = 0; i < SEARCHES; i++) warm.push(await wallTime(() => searchOnce((i * 7919) % FACES)));
    warm.sort((a, b) => a - b);

    // New photos, one face each of one of the seeded people, indexed one after another.
    const updates: number[] = [];
    const grouping: number[] = [];
    for (let photo = 0; photo < PHOTOS; photo++) {
      const added = face(FACES + photo, synthetic.another(photo));
      await putFaces([added]);
      updates.push(
        await wallTime(async () => {
          await touchFaceLibrary(userId, [added.imageId]);
          await storeFaceIndexIfDue(userId);
        }),
      );
      grouping.push(await wallTime(() => groupNewFaces(recognizer, userId, [{ ...added, createdAt: Date.now() }])));
    }
    updates.sort((a, b) => a - b);
    return [
      { name: 'face_search_100k_cold_ms', value: round(median(cold)), unit: 'ms/search (item + one object + search)', goal: '< 1500' },
      { name: 'face_search_100k_p95_ms', value: round(percentile(warm, 95)), unit: 'ms/search', goal: '< 50' },
      { name: 'face_search_100k_median_ms', value: round(median(warm)), unit: 'ms/search' },
      { name: 'face_index_update_ms', value: round(percentile(updates, 95)), unit: `ms/photo p95 (${PHOTOS} photos, 100k faces)`, goal: '< 100' },
      { name: 'face_index_update_median_ms', value: round(median(updates)), unit: 'ms/photo' },
      // The photos that store the 100 MB object again (about one in 25) take this long.
      { name: 'face_index_update_max_ms', value: round(updates.at(-1)!), unit: 'ms/photo (stores the object)' },
      { name: 'face_clustering_100k_ms', value: round(median(grouping)), unit: 'ms/photo (incremental grouping, median)' },
    ];
  });

/** 5,000 people of 20 faces each, laid out as the index's matrix, and a further face of any of them. */
function syntheticFaces(): { matrix: Int8Array; another(person: number): Int8Array } {
  let state = 20261207;
  const uniform = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 || 1e-9;
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const matrix = new Int8Array(FACES * DIMENSIONS);
  const identities: Float32Array[] = [];
  const quantized = (identity: Float32Array) => quantize(identity.map((value) => value + NOISE * gaussian()));
  for (let person = 0; person < FACES / FACES_PER_PERSON; person++) {
    const identity = Float32Array.from({ length: DIMENSIONS }, gaussian);
    if (person < PHOTOS) identities.push(identity);
    for (let i = 0; i < FACES_PER_PERSON; i++) matrix.set(quantized(identity), (person * FACES_PER_PERSON + i) * DIMENSIONS);
  }
  return { matrix, another: (person) => quantized(identities[person]!) };
}
