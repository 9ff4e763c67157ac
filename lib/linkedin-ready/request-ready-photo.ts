import { resources } from '../aws/resources';
import { countJobsInFlight, findImage, resetReadyPhoto } from '../db';
import { expectJob } from '../jobs/expect-job';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { readyRequestKey, writeObject } from '../storage';
import { UserError } from '../user-error';
import { MAX_READY_PHOTOS_IN_FLIGHT, READY_REQUEST_LIMIT } from './limits';
import { makeLinkedInReadyJob } from './make-linkedin-ready-job';
import { requestReadyPhotoInput, type ReadyRequest } from './schemas';

/**
 * Starts the LinkedIn-ready version of one of the owner's photos, with the background asked for. The
 * request is written to the media bucket as a small JSON object, whose arrival triggers the
 * make-linkedin-ready function, here and on AWS; asking again replaces the earlier result.
 */
export async function requestReadyPhoto(userId: string, input: unknown, now = Date.now()): Promise<void> {
  const { imageId, options } = requestReadyPhotoInput.parse(input);
  const image = await findImage(userId, imageId);
  if (!image || image.deletingAt) throw new UserError('That photo does not exist.');
  if (image.status !== 'ready') throw new UserError('This photo is not ready yet. Make it LinkedIn-ready once processing has finished.');
  if ((await countJobsInFlight(userId, makeLinkedInReadyJob.name)) >= MAX_READY_PHOTOS_IN_FLIGHT) {
    throw new UserError(`You have ${MAX_READY_PHOTOS_IN_FLIGHT} LinkedIn-ready photos in the making. Ask for another once one has finished.`);
  }
  await enforceRateLimit(READY_REQUEST_LIMIT, userId, (minutes) => `You have asked for a lot of LinkedIn-ready photos in the last hour. Try again in ${inMinutes(minutes)}.`, now);
  const key = readyRequestKey(userId, imageId);
  const request: ReadyRequest = { options, requestedAt: now };
  await resetReadyPhoto({ userId, imageId }, request);
  await expectJob(makeLinkedInReadyJob, { userId, subjectId: imageId }, key, now);
  await writeObject(resources.mediaBucket, key, Buffer.from(JSON.stringify(request)), 'application/json');
}
