import { allPages } from '../all-pages';
import { foldLinkCounters, migrateToExactCaseKeys, scanImages, type MigratedItems } from '../db';
import { analyzeProfileJob } from '../profile-check/analyze-profile-job';
import { requestFaceIndex } from '../people/request-face-index';
import { log } from '../observability/log';
import { countEarlierPhotos } from '../quota/count-earlier-photos';
import { processImageJob } from '../images/process-image-job';
import { expectJob } from '../jobs/expect-job';
import { analysisInputKey } from '../storage';

/**
 * Brings data written by earlier versions up to this one; safe to run any number of times, and run by
 * the local cloud at every start (`npx sst shell -- npm run migrate` after deploying, on AWS).
 * Photos and analyses that were in flight are expected as jobs, which earlier versions did not keep,
 * so the sweep settles them like any other. Photos added before storage quotas count against them.
 * Link counters kept one item per counter are folded into one item per link and day.
 */
export async function migrateData(now = Date.now()): Promise<MigratedItems & { facesRequested: number; photosCounted: number; linkCountersFolded: number }> {
  const migrated = await migrateToExactCaseKeys();
  for (const image of migrated.imagesInFlight) {
    await expectJob(processImageJob, { userId: image.userId, subjectId: image.imageId }, image.originalKey, now);
  }
  for (const analysis of migrated.analysesInFlight) {
    await expectJob(analyzeProfileJob, { userId: analysis.userId, subjectId: analysis.imageId }, analysisInputKey(analysis.userId, analysis.imageId), now);
  }
  return { ...migrated, facesRequested: await requestMissingFaceIndexes(now), photosCounted: await countEarlierPhotos(), linkCountersFolded: await foldLinkCounters() };
}

/** Photos made ready before faces were indexed: their indexing is queued like a new photo's. */
async function requestMissingFaceIndexes(now: number): Promise<number> {
  let requested = 0;
  for await (const images of allPages((cursor) => scanImages({ cursor, limit: 200 }))) {
    for (const image of images) {
      if (image.status !== 'ready' || image.faceIndex || image.deletingAt) continue;
      // One photo whose files are gone must not stop the rest: its job is expected, and the sweep tells its owner.
      await requestFaceIndex(image, now).then(
        () => (requested += 1),
        (error: unknown) => log.warn('Could not queue face indexing for a photo', { imageId: image.imageId, error: String(error) }),
      );
    }
  }
  return requested;
}
