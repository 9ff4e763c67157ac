import { resources } from '../aws/resources';
import { countJobsInFlight, findImage, resetAnalysis, type ImageVariant } from '../db';
import { MAX_FACE_PHOTO_SIDE } from '../faces/prepare-face-photo';
import { imageIdInput } from '../images/schemas';
import { expectJob } from '../jobs/expect-job';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { analysisInputKey, copyObject } from '../storage';
import { UserError } from '../user-error';
import { analyzeProfileJob } from './analyze-profile-job';
import { ANALYSIS_REQUEST_LIMIT, MAX_ANALYSES_IN_FLIGHT } from './limits';

/** The largest clean JPEG variant within the face photo limit: it is copied and analysed as it is. */
function analysisSource(variants: ImageVariant[]): ImageVariant | undefined {
  return variants
    .filter((v) => v.format === 'jpeg' && !v.watermarked && Math.max(v.width, v.height) <= MAX_FACE_PHOTO_SIDE)
    .sort((a, b) => b.width * b.height - a.width * a.height)[0];
}

/**
 * Starts the LinkedIn analysis of one of the owner's images. The pipeline's JPEG variant is already
 * upright, sRGB and stripped, so it is copied as the analysis input; its arrival in the media bucket
 * triggers the analyze-profile function, here and on AWS.
 */
export async function requestProfileAnalysis(userId: string, imageId: unknown): Promise<void> {
  const id = imageIdInput.parse(imageId);
  const image = await findImage(userId, id);
  if (!image || image.deletingAt) throw new UserError('That photo does not exist.');
  if (image.status !== 'ready') throw new UserError('This photo is not ready yet. Analyse it once processing has finished.');
  const source = analysisSource(image.variants ?? []);
  if (!source) throw new UserError('This photo has no JPEG version to analyse. Upload it again.');
  if ((await countJobsInFlight(userId, analyzeProfileJob.name)) >= MAX_ANALYSES_IN_FLIGHT) {
    throw new UserError(`You have ${MAX_ANALYSES_IN_FLIGHT} LinkedIn checks running. Start another once one has finished.`);
  }
  await enforceRateLimit(ANALYSIS_REQUEST_LIMIT, userId, (minutes) => `You have run a lot of LinkedIn checks in the last hour. Try again in ${inMinutes(minutes)}.`);
  const input = analysisInputKey(userId, id);
  await resetAnalysis({ userId, imageId: id });
  await expectJob(analyzeProfileJob, { userId, subjectId: id }, input);
  await copyObject(resources.mediaBucket, source.key, input);
}
