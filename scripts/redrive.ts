import { redriveAllDeadLetters } from '../lib/events/redrive-dead-letter';
import { connectLocalCloudUnlessDeployed } from '../local/env';

/*
 * `npm run redrive`: sends every dead-lettered event through its handler again. Against the local
 * cloud of `npm run dev` by default; against AWS under `npx sst shell --stage <stage> -- npm run redrive`.
 */
connectLocalCloudUnlessDeployed();
const { redriven, failed } = await redriveAllDeadLetters();
console.log(`Redrove ${redriven} dead letter${redriven === 1 ? '' : 's'}.`);
for (const failure of failed) console.error(`✖ ${failure.deadLetterId}: ${failure.error}`);
process.exitCode = failed.length > 0 ? 1 : 0;
