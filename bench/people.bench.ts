import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { clusterFaces } from '../lib/people/cluster-faces';
import { DescriptorMatrix } from '../lib/people/descriptor-matrix';
import { quantize } from '../lib/faces/descriptors';
import { GROUPING_MATCH_LIMIT, MIN_FACES_PER_PERSON } from '../lib/people/limits';
import { median, percentile, ratio, round, wallTime, type Bench, type Figure } from './figure';
import { withLocalCloud } from './with-local-cloud';

/**
 * People, through the local cloud (dynalite holds the faces, as DynamoDB would):
 * - search over 10,000 indexed faces of one user with the built-in recognizer, from a face already
 *   described (the click on a face): warm (the user's descriptors in memory, one version read from
 *   the table) and cold (every face read from the table first);
 * - the comparison alone, USearch's exact int8 search against a plain JavaScript loop over the same
 *   matrix, in the same run;
 * - DBSCAN over the same 10,000 faces (lib/people/cluster-faces.ts), with the app's constants;
 * - indexing one photo with three faces (the group fixture at 1280 px, the size of the largest clean
 *   variant): the index-faces job's whole work, model, thumbnails, table writes and grouping.
 *
 * The 10,000 faces are 500 synthetic people of 20 faces each: a random 1,024-dimension identity plus
 * noise, at ~0.86 cosine similarity to each other, as the model's real same-person pairs score
 * (0.87–1.00 in lib/people/local-recognizer.test.ts).
 */

const FACES = 10_000;
const FACES_PER_PERSON = 20;
const DIMENSIONS = 1024;
/** Noise per component relative to the identity's: similarity 1 / (1 + NOISE²) between two faces of one person. */
const NOISE = 0.4;
const SEARCHES = 60;
const COLD_SEARCHES = 3;
const INDEX_RUNS = 5;

export const run: Bench = () =>
  withLocalCloud({}, async () => {
    const faces = syntheticFaces();
    return [...(await search(faces)), ...compare(faces), ...(await cluster(faces)), ...(await indexing())];
  });

function syntheticFaces(): Int8Array[] {
  let state = 20261130;
  // Box–Muller over a seeded LCG: the same faces every run.
  const uniform = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 || 1e-9;
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const faces: Int8Array[] = [];
  for (let person = 0; person < FACES / FACES_PER_PERSON; person++) {
    const identity = Array.from({ length: DIMENSIONS }, gaussian);
    for (let i = 0; i < FACES_PER_PERSON; i++) faces.push(quantize(identity.map((value) => value + NOISE * gaussian())));
  }
  return faces;
}

async function search(descriptors: Int8Array[]): Promise<Figure[]> {
  const { putFaces, touchFaceLibrary } = await import('../lib/db');
  const { createLocalRecognizer } = await import('../lib/people/local-recognizer');
  const { clearFaceLibraryCache } = await import('../lib/people/face-library');
  const { encodeDescriptor } = await import('../lib/faces/descriptors');
  const userId = 'usr_bench_people';
  const items = descriptors.map((descriptor, n) => {
    const imageId = `img${String(Math.floor(n / 2)).padStart(13, '0')}`;
    return {
      userId,
      imageId,
      faceId: `${imageId}.${n % 2}`,
      personId: '',
      box: { left: 0.4, top: 0.3, width: 0.2, height: 0.3 },
      confidence: 0.99,
      descriptor: encodeDescriptor(descriptor),
      thumbnailKey: `face-thumbnails/${userId}/${imageId}/${imageId}.${n % 2}.jpeg`,
    };
  });
  for (let start = 0; start < items.length; start += 500) await putFaces(items.slice(start, start + 500));
  await touchFaceLibrary(userId, items.map((item) => item.imageId));

  const recognizer = createLocalRecognizer(() => Promise.reject(new Error('the bench searches by face only')));
  const searchOnce = async (n: number) => {
    let found = 0;
    for await (const batch of recognizer.searchByFace(userId, items[n]!)) found += batch.length;
    // Each synthetic person has 19 other faces, all above the threshold.
    if (found < FACES_PER_PERSON - 1) throw new Error(`a search found ${found} faces of a person with ${FACES_PER_PERSON}`);
  };
  const cold: number[] = [];
  for (let i = 0; i < COLD_SEARCHES; i++) {
    clearFaceLibraryCache();
    cold.push(await wallTime(() => searchOnce(i * 997)));
  }
  const warm: number[] = [];
  for (let i = 0; i < SEARCHES; i++) warm.push(await wallTime(() => searchOnce((i * 7919) % FACES)));
  warm.sort((a, b) => a - b);
  return [
    { name: 'face_search_10k_p95_ms', value: round(percentile(warm, 95)), unit: 'ms/search', goal: '< 50' },
    { name: 'face_search_10k_median_ms', value: round(median(warm)), unit: 'ms/search' },
    { name: 'face_search_10k_cold_ms', value: round(median(cold)), unit: 'ms/search' },
  ];
}

/** The in-memory comparison alone: the native exact search the app uses, and the loop it replaced. */
function compare(descriptors: Int8Array[]): Figure[] {
  const matrix = DescriptorMatrix.from(descriptors);
  const native: number[] = [];
  const loop: number[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const query = descriptors[(i * 7919) % FACES]!;
    let start = performance.now();
    matrix.nearest(query);
    native.push(performance.now() - start);
    start = performance.now();
    javascriptSimilarities(descriptors, query);
    loop.push(performance.now() - start);
  }
  return [
    { name: 'face_compare_10k_usearch_ms', value: round(median(native)), unit: 'ms/query' },
    { name: 'face_compare_10k_js_loop_ms', value: round(median(loop)), unit: 'ms/query' },
    { name: 'face_compare_10k_speedup', value: ratio(median(loop), median(native)), unit: 'x' },
  ];
}

function javascriptSimilarities(rows: Int8Array[], query: Int8Array): Float32Array {
  const out = new Float32Array(rows.length);
  rows.forEach((row, r) => {
    let dot = 0;
    for (let i = 0; i < row.length; i++) dot += row[i]! * query[i]!;
    out[r] = dot / (127 * 127);
  });
  return out;
}

async function cluster(descriptors: Int8Array[]): Promise<Figure[]> {
  const { SAME_PERSON_MIN_SIMILARITY } = await import('../lib/people/local-recognizer');
  const start = performance.now();
  const labels = clusterFaces(descriptors, { minSimilarity: SAME_PERSON_MIN_SIMILARITY, minFaces: MIN_FACES_PER_PERSON, neighbourLimit: GROUPING_MATCH_LIMIT });
  const elapsed = performance.now() - start;
  const people = new Set(labels.filter((label) => label >= 0)).size;
  return [
    { name: 'face_clustering_10k_ms', value: Math.round(elapsed), unit: 'ms' },
    { name: 'face_clustering_10k_people', value: people, unit: `people (of ${FACES / FACES_PER_PERSON})` },
  ];
}

async function indexing(): Promise<Figure[]> {
  const { createUpload } = await import('../lib/images');
  const { findImage } = await import('../lib/db');
  const { indexPhotoFaces } = await import('../lib/people/index-photo-faces');
  const { faceIndexInputKey } = await import('../lib/storage');
  const { resources } = await import('../lib/aws/resources');
  const group = await readFile(path.resolve(import.meta.dirname, '../fixtures/faces/group-sample1.jpg'));
  const jpeg = await sharp(group).resize({ width: 1280, height: 1280, fit: 'inside' }).jpeg({ quality: 90 }).toBuffer();
  const userId = 'usr_bench_index';
  const times: number[] = [];
  for (let i = 0; i <= INDEX_RUNS; i++) {
    const { imageId } = await createUpload(userId, { fileName: 'group.jpg', contentType: 'image/jpeg', bytes: jpeg.length });
    const key = faceIndexInputKey(userId, imageId);
    const object = { bucket: resources.mediaBucket, key, eTag: 'bench', size: jpeg.length };
    const elapsed = await wallTime(async () => {
      const result = await indexPhotoFaces({ subject: { userId, subjectId: imageId }, object, body: jpeg, now: Date.now() });
      if (result.status !== 'done') throw new Error(`indexing ended ${result.status}`);
    });
    const faces = (await findImage(userId, imageId))?.faceIndex?.faces;
    if (faces !== 3) throw new Error(`the group photo was indexed with ${faces} faces, not 3`);
    // The first run loads the model.
    if (i > 0) times.push(elapsed);
  }
  return [{ name: 'face_index_job_median_ms', value: round(median(times)), unit: 'ms/photo (3 faces)' }];
}
