import { resources } from '../aws/resources';
import { traceMetadata } from '../observability/tracing';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { presignUpload } from '../storage';
import { addPhoto } from './add-photo';
import { UPLOAD_CREATE_LIMIT } from './limits';
import { createUploadInput, type ImageSnapshot } from './schemas';
import { toImage } from './to-image';

/**
 * Starts an upload: records the image as `uploading` and returns a URL that lets the browser put
 * exactly the declared bytes, of the declared type, at a key the server chose, with the new photo as the
 * owner's pages show it, for the grid to show at once. Its processing is expected from now on, so an
 * upload that never arrives, or whose event is lost, is still settled. The photo counts against its
 * owner's storage quota before the URL exists, and is refused with a sentence when it does not fit.
 */
export async function createUpload(userId: string, input: unknown, now = Date.now()) {
  const { fileName, contentType, bytes } = createUploadInput.parse(input);
  await enforceRateLimit(UPLOAD_CREATE_LIMIT, userId, (minutes) => `You have uploaded a lot of photos in the last hour. Try again in ${inMinutes(minutes)}.`, now);
  const item = await addPhoto(userId, { fileName, declaredType: contentType, declaredBytes: bytes }, now);
  const snapshot: ImageSnapshot = { image: await toImage(item, { variants: 'thumbnail' }), readAt: Date.now() };
  // This request's trace, signed into the URL, follows the photo through processing (lib/observability/tracing.ts).
  const upload = await presignUpload(resources.uploadsBucket, item.originalKey, contentType, bytes, traceMetadata());
  return { imageId: item.imageId, ...upload, snapshot };
}
