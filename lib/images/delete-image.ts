import { resources } from '../aws/resources';
import { deleteAnalysis, deleteDeadLetter, deleteImageRecord, deleteJobs, deleteReadyPhoto, markAnalysisDeleting, markImageDeleting, markReadyPhotoDeleting } from '../db';
import { deadLetterIdOf } from '../jobs/dead-letter-id';
import { IMAGE_JOB_KINDS } from '../jobs/kinds';
import { jobRefOf } from '../jobs/run-job';
import { releaseQuota } from '../quota';
import { revokeLinksForImage } from '../links/revoke-links-for-image';
import { siteRecognizer } from '../people/site-recognizer';
import { forgetImageFaces } from '../people/forget-image-faces';
import { analysisPrefix, deleteObjects, deletePrefix, faceIndexPrefix, faceThumbnailPrefix, mediaPrefix, originalKey, readyRequestPrefix } from '../storage';
import { imageIdInput } from './schemas';

/**
 * Deletes an image and everything made from it, even while it is being processed, analysed or
 * shared. It is marked first, so no run in flight can complete it afterwards (a run that finds it
 * marked or gone removes what it wrote); its jobs go next, so no later delivery starts one; then its
 * links, its faces (from the recognizer too, and from the people they were in), objects (the original
 * giving its share of the quota back) and records. The record goes last, so a failure halfway leaves
 * it to retry from.
 */
export async function deleteImage(userId: string, imageId: unknown, now = Date.now()): Promise<boolean> {
  const id = imageIdInput.parse(imageId);
  const key = { userId, imageId: id };
  if (!(await markImageDeleting(key, now))) return false;
  await Promise.all([markAnalysisDeleting(key, now), markReadyPhotoDeleting(key, now)]);
  const jobs = IMAGE_JOB_KINDS.map((kind) => jobRefOf(kind, { userId, subjectId: id }));
  await deleteJobs(jobs);
  await Promise.all(jobs.map((job) => deleteDeadLetter(userId, deadLetterIdOf(job))));
  await revokeLinksForImage(userId, id);
  await forgetImageFaces(siteRecognizer(), key);
  await deleteObjects(resources.uploadsBucket, [originalKey(userId, id)]);
  await releaseQuota(key);
  await deletePrefix(resources.mediaBucket, mediaPrefix(userId, id));
  await deletePrefix(resources.mediaBucket, analysisPrefix(userId, id));
  await deletePrefix(resources.mediaBucket, faceIndexPrefix(userId, id));
  await deletePrefix(resources.mediaBucket, faceThumbnailPrefix(userId, id));
  await deletePrefix(resources.mediaBucket, readyRequestPrefix(userId, id));
  await Promise.all([deleteAnalysis(key), deleteReadyPhoto(key)]);
  await deleteImageRecord(key);
  return true;
}
