import { resources } from '../aws/resources';
import { findImage, setFaceIndexState, type ImageItem, type ImageVariant } from '../db';
import { imageIdInput } from '../images/schemas';
import { expectJob } from '../jobs/expect-job';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { copyObject, faceIndexInputKey, headObject } from '../storage';
import { traceMetadata } from '../observability/tracing';
import { UserError } from '../user-error';
import { indexFacesJob } from './index-faces-job';
import { FACE_INDEX_REQUEST_LIMIT } from './limits';

/** The largest clean JPEG variant: the most pixels for small faces, upright and without a watermark across anyone. */
export function faceIndexSource(variants: ImageVariant[]): ImageVariant | undefined {
  return variants.filter((v) => v.format === 'jpeg' && !v.watermarked).sort((a, b) => b.width * b.height - a.width * a.height)[0];
}

/**
 * Queues the indexing of a ready image's faces: its largest clean JPEG is copied as the face-index
 * input, whose arrival in the media bucket triggers the index-faces function, here and on AWS.
 * Processing asks for it as soon as an image is ready.
 */
export async function requestFaceIndex(image: Pick<ImageItem, 'userId' | 'imageId' | 'variants'>, now = Date.now()): Promise<void> {
  const key = { userId: image.userId, imageId: image.imageId };
  const source = faceIndexSource(image.variants ?? []);
  if (!source) {
    await setFaceIndexState(key, { status: 'failed', failureReason: 'This photo has no JPEG version to look for faces in. Upload it again.', failureCode: 'no-source' });
    return;
  }
  const input = faceIndexInputKey(image.userId, image.imageId);
  await Promise.all([setFaceIndexState(key, { status: 'queued' }), expectJob(indexFacesJob, { userId: image.userId, subjectId: image.imageId }, input, now)]);
  // The run that asks for it (an upload's processing) hands its trace on to the indexing.
  await copyObject(resources.mediaBucket, source.key, input, resources.mediaBucket, { contentType: 'image/jpeg', metadata: traceMetadata() });
}

/**
 * For a run that finishes what an earlier run of the same upload began: asks for the indexing unless
 * the earlier run got as far as its input. A run killed between queuing the indexing and copying its
 * input leaves it queued with nothing to start it, which the sweep would only fail once the input's
 * arrival window had passed.
 */
export async function ensureFaceIndexRequested(image: Pick<ImageItem, 'userId' | 'imageId' | 'variants' | 'faceIndex'>): Promise<void> {
  if (image.faceIndex && image.faceIndex.status !== 'queued') return;
  // The input stays after the run it started, so a queued indexing with its input in place was asked for in full.
  if (image.faceIndex && (await headObject(resources.mediaBucket, faceIndexInputKey(image.userId, image.imageId)))) return;
  await requestFaceIndex(image);
}

/** The owner's "Find faces" button, for a photo whose indexing failed or never started. */
export async function requestOwnFaceIndex(userId: string, imageId: unknown): Promise<void> {
  const id = imageIdInput.parse(imageId);
  const image = await findImage(userId, id);
  if (!image || image.deletingAt) throw new UserError('That photo does not exist.');
  if (image.status !== 'ready') throw new UserError('This photo is not ready yet. Its faces are found once processing has finished.');
  if (image.faceIndex?.status === 'queued' || image.faceIndex?.status === 'running') return;
  await enforceRateLimit(FACE_INDEX_REQUEST_LIMIT, userId, (minutes) => `You have asked for faces to be found a lot in the last hour. Try again in ${inMinutes(minutes)}.`);
  await requestFaceIndex(image);
}
