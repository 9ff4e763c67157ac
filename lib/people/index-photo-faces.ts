import sharp from 'sharp';
import { isAccountClosed } from '../account/is-account-closed';
import { resources } from '../aws/resources';
import { deleteFaces, findImage, listFacesOfImage, putFaces, setFaceIndexState, touchFaceLibrary, type FaceItem } from '../db';
import { describeFacesInProcess } from '../faces/describe-faces';
import type { Box } from '../faces/schemas';
import type { JobRun, WorkResult } from '../jobs/job-kind';
import { log } from '../observability/log';
import { countMetric, METRIC, timeMetric } from '../observability/metrics';
import { deleteObjects, faceThumbnailKey, writeObject } from '../storage';
import { renderFaceThumbnail } from './face-thumbnails';
import { storeFaceIndexIfDue } from './face-library';
import { groupNewFaces } from './group-new-faces';
import type { RecognizedFace } from './recognizer';
import { refreshPerson } from './refresh-person';
import { selectRecognizer } from './select-recognizer';

/**
 * A face found again when a photo is indexed anew (a retry, or "Find faces") overlaps its earlier self
 * by at least this much of their union, and keeps the person it was in and whether the owner took it out.
 */
const SAME_FACE_MIN_OVERLAP = 0.5;

/**
 * The index-faces job's work: finds and describes the faces of a ready photo, keeps each with a
 * thumbnail, and groups them into the owner's people. Anything that goes wrong is thrown, so the
 * delivery is retried; a retry replaces what an earlier run wrote, and one that finds the photo gone
 * has the function discard it (discard-face-index.ts).
 */
export async function indexPhotoFaces(run: JobRun): Promise<WorkResult> {
  const started = performance.now();
  const key = { userId: run.subject.userId, imageId: run.subject.subjectId };
  // Nothing is indexed for a photo on its way out, nor for a closed account: its deletion may already have forgotten its faces.
  const [image, closed] = await Promise.all([findImage(key.userId, key.imageId), isAccountClosed(key.userId)]);
  if (!image || image.deletingAt || closed) return { status: 'gone' };

  const { width = 0, height = 0 } = await sharp(run.body).metadata();
  const recognizer = selectRecognizer(describeFacesInProcess);
  const earlier = await listFacesOfImage(key.userId, key.imageId);
  const found = await recognizer.index(key, { jpeg: run.body, width, height, location: { bucket: run.object.bucket, key: run.object.key } });

  const faces: FaceItem[] = await Promise.all(
    found.map(async (face, n) => {
      const faceId = `${key.imageId}.${n}`;
      const thumbnailKey = faceThumbnailKey(key.userId, key.imageId, faceId);
      await writeObject(resources.mediaBucket, thumbnailKey, await renderFaceThumbnail(run.body, { width, height }, face.box), 'image/jpeg', { cache: 'revalidate' });
      const before = earlierSelf(earlier, face);
      return { ...key, faceId, ...recognized(face), thumbnailKey, personId: before?.personId ?? '', detached: before?.detached, createdAt: Date.now() };
    }),
  );
  const kept = new Set(faces.map((face) => face.faceId));
  const dropped = earlier.filter((face) => !kept.has(face.faceId));
  await deleteFaces(dropped);
  await deleteObjects(resources.mediaBucket, dropped.map((face) => face.thumbnailKey));
  await putFaces(faces);
  await touchFaceLibrary(key.userId, [key.imageId]);
  await groupNewFaces(recognizer, key.userId, faces);
  for (const personId of new Set(earlier.flatMap((face) => (face.personId ? [face.personId] : [])))) await refreshPerson({ userId: key.userId, personId });
  if (recognizer.name === 'local') await storeFaceIndex(key.userId);

  // Deleted while it ran: the function's discard of the job removes what this run wrote (discard-face-index.ts).
  if (!(await setFaceIndexState(key, { status: 'done', faces: faces.length }))) return { status: 'gone' };
  countMetric(METRIC.facesIndexed, faces.length);
  timeMetric(METRIC.faceIndexMs, performance.now() - started);
  return { status: 'done' };
}

/** The index object is a cache that readers catch up from the table: failing to store it costs them time, and is no reason to index the photo again. */
async function storeFaceIndex(userId: string): Promise<void> {
  try {
    await storeFaceIndexIfDue(userId);
  } catch (error) {
    log.warn('The face index was not stored', { userId, error });
  }
}

function recognized(face: RecognizedFace): Pick<FaceItem, 'box' | 'confidence' | 'descriptor' | 'providerFaceId'> {
  return { box: face.box, confidence: face.confidence, descriptor: face.descriptor, providerFaceId: face.providerFaceId };
}

function earlierSelf(earlier: FaceItem[], face: RecognizedFace): FaceItem | undefined {
  return earlier.find((before) => overlap(before.box, face.box) >= SAME_FACE_MIN_OVERLAP);
}

/** Intersection over union of two boxes. */
function overlap(a: Box, b: Box): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  return intersection / (a.width * a.height + b.width * b.height - intersection);
}
