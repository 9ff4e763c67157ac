import { migrateData } from '../lib/migrations/migrate-data';
import { connectLocalCloudUnlessDeployed } from '../local/env';

/*
 * `npm run migrate`: brings the table's items written by earlier versions up to this one. The local
 * cloud runs it at every start; on AWS, run `npx sst shell --stage <stage> -- npm run migrate` once
 * after deploying. Safe to run again: it finds nothing left to move.
 */
connectLocalCloudUnlessDeployed();
const { moved, imagesInFlight, analysesInFlight, facesRequested, photosCounted, linkCountersFolded } = await migrateData();
const total = Object.values(moved).reduce((sum, count) => sum + count, 0);
console.log(
  total === 0
    ? 'migrate: nothing to move'
    : `migrate: moved ${Object.entries(moved).map(([entity, count]) => `${count} ${entity}`).join(', ')} to exact-case keys; ` +
        `${imagesInFlight.length} photos and ${analysesInFlight.length} analyses in flight are now expected as jobs`,
);
if (facesRequested > 0) console.log(`migrate: queued face indexing for ${facesRequested} photos made ready before faces were indexed`);
if (photosCounted > 0) console.log(`migrate: counted ${photosCounted} photos added before storage quotas against their owners' quotas`);
if (linkCountersFolded > 0) console.log(`migrate: folded ${linkCountersFolded} link counters into one item per link and day`);
