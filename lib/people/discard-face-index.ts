import { isAccountClosed } from '../account/is-account-closed';
import { resources } from '../aws/resources';
import { findImage } from '../db';
import { describeFacesInProcess } from '../faces/describe-faces';
import { imageKeyOf } from '../jobs/define-job-kind';
import type { JobSubject } from '../jobs/job-kind';
import { deletePrefix, faceThumbnailPrefix } from '../storage';
import { forgetImageFaces } from './forget-image-faces';
import { forgetUserFaces } from './forget-user-faces';
import { selectRecognizer } from './select-recognizer';

/**
 * What an index-faces run may have written for a photo that is gone (deleted, being deleted, or its
 * account closed), removed by the index-faces function when it discards the run's job: the photo's
 * faces in the recognizer (those the table never learnt of too), in the table and in the people they
 * joined, and their thumbnails. A run can create a closed account's collection again after its
 * deletion forgot it, so for a closed account every face goes, the collection with them. A photo that
 * is still there keeps its faces: they are its own, from an earlier run.
 */
export async function discardFaceIndex(subject: JobSubject): Promise<void> {
  const key = imageKeyOf(subject);
  const [image, closed] = await Promise.all([findImage(key.userId, key.imageId), isAccountClosed(key.userId)]);
  if (image && !image.deletingAt && !closed) return;
  const recognizer = selectRecognizer(describeFacesInProcess);
  await recognizer.forgetPhoto(key);
  await forgetImageFaces(recognizer, key);
  await deletePrefix(resources.mediaBucket, faceThumbnailPrefix(key.userId, key.imageId));
  if (closed) await forgetUserFaces(recognizer, key.userId);
}
