import { resources } from '../aws/resources';
import { completeReadyPhoto, findImage, findReadyPhoto, setReadyPhotoStatus, type ImageItem } from '../db';
import type { JobRun, WorkResult } from '../jobs/job-kind';
import { readObject, readyPhotoKey, writeObject } from '../storage';
import { UserError } from '../user-error';
import { compareChecks } from './compare-checks';
import { makeLinkedInReady } from './make-linkedin-ready';
import { ReadyRequestSchema } from './schemas';

/** Why a ready photo ended failed by the work's own answer: the photo cannot make one (no face, too few pixels). */
export const NOT_SUITABLE = 'not-suitable';

/**
 * The make-linkedin-ready job's work: reads the request (the background asked for) and the photo, makes
 * the ready version, writes it under the image's media prefix, and scores the photo and the result with
 * the same check. A photo that cannot make one ends failed with the sentence that says why; anything
 * else that goes wrong is thrown, so the delivery is retried.
 */
export async function processReadyRequest(run: JobRun): Promise<WorkResult> {
  const key = { userId: run.subject.userId, imageId: run.subject.subjectId };
  const request = ReadyRequestSchema.parse(JSON.parse(run.body.toString('utf8')));
  const [image, ready] = await Promise.all([findImage(key.userId, key.imageId), findReadyPhoto(key)]);
  if (!image || image.deletingAt || !ready || ready.deletingAt) return { status: 'gone' };

  const source = await readSource(image);
  if (!source) return { status: 'gone' };
  let made: Awaited<ReturnType<typeof makeLinkedInReady>>;
  try {
    made = await makeLinkedInReady(source, request.options);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const recorded = await setReadyPhotoStatus(key, { status: 'failed', failureReason: error.message, failureCode: NOT_SUITABLE });
    return { status: recorded ? 'failed' : 'gone' };
  }

  const resultKey = readyPhotoKey(key.userId, key.imageId, request.requestedAt.toString(36));
  const [, outcome] = await Promise.all([writeObject(resources.mediaBucket, resultKey, made.jpeg, 'image/jpeg'), compareChecks(source, made)]);
  const result = { key: resultKey, width: made.width, height: made.height, bytes: made.bytes };
  if (await completeReadyPhoto(key, request.requestedAt, { result, outcome })) return { status: 'done' };
  // Not completed: deleted meanwhile, or asked for again, in which case the newer request's own run answers.
  const now = await findReadyPhoto(key);
  return { status: !now || now.deletingAt ? 'gone' : 'done' };
}

/** The original for the most pixels; the largest clean JPEG when the original has expired (an upload expiry rule). */
async function readSource(image: ImageItem): Promise<Buffer | null> {
  const original = await readObject(resources.uploadsBucket, image.originalKey);
  if (original) return original.body;
  const largest = (image.variants ?? []).filter((v) => v.format === 'jpeg' && !v.watermarked).sort((a, b) => b.width * b.height - a.width * a.height)[0];
  return largest ? ((await readObject(resources.mediaBucket, largest.key))?.body ?? null) : null;
}
