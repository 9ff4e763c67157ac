import { sweepJobs } from '../lib/jobs';
import { connectLocalCloudUnlessDeployed } from '../local/env';

/*
 * `npm run sweep`: what the sweep's schedule runs every few minutes, now. Against the local cloud of
 * `npm run dev` by default; against AWS under `npx sst shell --stage <stage> -- npm run sweep`.
 */
connectLocalCloudUnlessDeployed();
const report = await sweepJobs();
console.log(
  `Swept: ${report.announced} announced again, ${report['gave-up']} given up as dead letters, ` +
    `${report['never-arrived']} never arrived, ${report.waiting} still within their upload window.`,
);
