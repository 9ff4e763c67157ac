import { migrateToExactCaseKeys, type MigratedItems } from '../db';
import { analyzeProfileJob } from '../faces/analyze-profile-job';
import { processImageJob } from '../images/process-image-job';
import { expectJob } from '../jobs/expect-job';
import { analysisInputKey } from '../storage';

/**
 * Brings data written by earlier versions up to this one; safe to run any number of times, and run by
 * the local cloud at every start (`npx sst shell -- npm run migrate` after deploying, on AWS).
 * Photos and analyses that were in flight are expected as jobs, which earlier versions did not keep,
 * so the sweep settles them like any other.
 */
export async function migrateData(now = Date.now()): Promise<MigratedItems> {
  const migrated = await migrateToExactCaseKeys();
  for (const image of migrated.imagesInFlight) {
    await expectJob(processImageJob, { userId: image.userId, subjectId: image.imageId }, image.originalKey, now);
  }
  for (const analysis of migrated.analysesInFlight) {
    await expectJob(analyzeProfileJob, { userId: analysis.userId, subjectId: analysis.imageId }, analysisInputKey(analysis.userId, analysis.imageId), now);
  }
  return migrated;
}
