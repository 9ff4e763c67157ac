import { allPages } from '../all-pages';
import { addStorage, markImageCounted, scanImages, type ImageItem } from '../db';
import { FAILURE_CODE } from '../jobs/failure-codes';

/** A photo whose original may still be in storage: all but the failed ones, except those given up on (their original is kept for Retry). */
function mayHoldItsOriginal(image: ImageItem): boolean {
  return image.status !== 'failed' || image.failureCode === FAILURE_CODE.deadLetter;
}

/**
 * Counts the photos added before quotas existed: each that may still hold its original is marked as
 * holding its declared bytes and added to its owner's usage, past the quota if it must be (nothing is
 * deleted; its owner cannot add more until they make room). Each photo is counted once, however often
 * this runs. Answers how many it counted.
 */
export async function countEarlierPhotos(): Promise<number> {
  let counted = 0;
  for await (const images of allPages((cursor) => scanImages({ cursor, limit: 200 }))) {
    for (const image of images) {
      if (image.quotaBytes !== undefined || image.deletingAt || !mayHoldItsOriginal(image)) continue;
      if (!(await markImageCounted(image, image.declaredBytes))) continue;
      await addStorage(image.userId, { bytes: image.declaredBytes, photos: 1 });
      counted += 1;
    }
  }
  return counted;
}
