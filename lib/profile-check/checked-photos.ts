import { createHash } from 'node:crypto';
import { describeFacesInProcess } from '../faces/describe-faces';
import type { DescribedFace } from '../faces/describe-faces-event';
import { prepareFacePhoto } from '../faces/prepare-face-photo';
import { analyzePhoto } from './analyze-photo';
import { createLocalAnalyzer } from './local-analyzer';

/*
 * For tests: the LinkedIn check and the People index of a photo as the site runs them with the
 * built-in model (prepared as the app prepares it), worked out once per photo in a test worker. Several
 * test files check the same fixtures, and some check one photo in several tests; the model answers
 * the same bytes the same way every time, so working it out again costs CPU and proves nothing more.
 * Keyed by a hash of the bytes, never by a name; each caller gets a copy of its own to change.
 */

const checks = new Map<string, ReturnType<typeof check>>();
const indexes = new Map<string, Promise<DescribedFace[]>>();
const local = createLocalAnalyzer();

const keyOf = (photo: Buffer) => createHash('sha256').update(photo).digest('base64url');

async function check(photo: Buffer) {
  const input = await prepareFacePhoto(photo);
  return analyzePhoto(input, local, { sourceSize: input.sourceSize });
}

async function once<T>(memo: Map<string, Promise<T>>, photo: Buffer, work: (photo: Buffer) => Promise<T>): Promise<T> {
  const key = keyOf(photo);
  let result = memo.get(key);
  if (!result) {
    result = work(photo);
    memo.set(key, result);
    // A failure is not remembered: the next caller works it out again and sees the error itself.
    result.catch(() => memo.delete(key));
  }
  return structuredClone(await result);
}

/** The LinkedIn check of a photo with the built-in model: its report and crop plan. */
export function checkedPhoto(photo: Buffer) {
  return once(checks, photo, check);
}

/** The faces face indexing (People) finds in a photo with the built-in model. */
export function indexedFaces(photo: Buffer): Promise<DescribedFace[]> {
  return once(indexes, photo, async (bytes) => describeFacesInProcess(await prepareFacePhoto(bytes)));
}
