import { redriveAllDeadLetters } from '../lib/jobs';
import { connectLocalCloudUnlessDeployed } from '../local/env';

/*
 * `npm run redrive`: sends every dead-lettered event through its handler again. Against the local
 * cloud of `npm run dev` by default; against AWS under `npx sst shell --stage <stage> -- npm run redrive`.
 */
connectLocalCloudUnlessDeployed();
const { redriven, neverArrived, failed } = await redriveAllDeadLetters();
console.log(`Redrove ${redriven} dead letter${redriven === 1 ? '' : 's'}.`);
if (neverArrived > 0) console.log(`${neverArrived} could not be: their trigger object is gone, and their owners were told to upload again.`);
for (const failure of failed) console.error(`✖ ${failure.deadLetterId}: ${failure.error}`);
process.exitCode = failed.length > 0 ? 1 : 0;
