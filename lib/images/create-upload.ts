import { nanoid } from 'nanoid';
import { resources } from '../aws/resources';
import { insertImage } from '../db';
import { expectJob } from '../jobs/expect-job';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { UPLOAD_CREATE_LIMIT } from './limits';
import { originalKey, presignUpload } from '../storage';
import { processImageJob } from './process-image-job';
import { createUploadInput, type ImageSnapshot } from './schemas';
import { toImage } from './to-image';

/**
 * Starts an upload: records the image as `uploading` and returns a URL that lets the browser put
 * exactly the declared bytes, of the declared type, at a key the server chose, with the new photo as the
 * owner's pages show it, for the grid to show at once. Its processing is expected from now on, so an
 * upload that never arrives, or whose event is lost, is still settled.
 */
export async function createUpload(userId: string, input: unknown, now = Date.now()) {
  const { fileName, contentType, bytes } = createUploadInput.parse(input);
  await enforceRateLimit(UPLOAD_CREATE_LIMIT, userId, (minutes) => `You have uploaded a lot of photos in the last hour. Try again in ${inMinutes(minutes)}.`, now);
  const imageId = nanoid(16);
  const key = originalKey(userId, imageId);
  await expectJob(processImageJob, { userId, subjectId: imageId }, key, now);
  const item = await insertImage({ userId, imageId, fileName, declaredType: contentType, declaredBytes: bytes, originalKey: key });
  const snapshot: ImageSnapshot = { image: await toImage(item, { variants: 'thumbnail' }), readAt: Date.now() };
  const upload = await presignUpload(resources.uploadsBucket, key, contentType, bytes);
  return { imageId, ...upload, snapshot };
}
