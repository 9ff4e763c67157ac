import { parseArgs } from 'node:util';
import { findInconsistencies } from '../lib/consistency';
import { connectLocalCloudUnlessDeployed } from '../local/env';
import { parseOrExplain } from './cli';

/*
 * `npm run check:consistency`: lists both buckets, reads the table, and reports every object without
 * a record and every record whose objects are missing; exits 1 on any finding. Against the local
 * cloud of `npm run dev` by default; against AWS under `npx sst shell --stage <stage> -- npm run check:consistency`.
 */
const USAGE = 'Usage: npm run check:consistency [-- --originals-expire-after-days N]';

const options = parseOrExplain(() => {
  const { values } = parseArgs({ options: { 'originals-expire-after-days': { type: 'string' } } });
  const days = values['originals-expire-after-days'];
  if (days !== undefined && !/^\d+$/.test(days)) throw new Error(`--originals-expire-after-days takes a whole number of days, not "${days}".`);
  return { originalsExpireAfterDays: days === undefined ? null : Number(days) };
}, USAGE);
if (!options) process.exit(2);

connectLocalCloudUnlessDeployed();
const found = await findInconsistencies(options);
for (const item of found) console.log(`${item.problem}\t${item.bucket}/${item.key}\t${item.detail}`);
console.log(found.length === 0 ? '✓ The buckets and the table agree.' : `✖ ${found.length} inconsistenc${found.length === 1 ? 'y' : 'ies'}.`);
process.exitCode = found.length === 0 ? 0 : 1;
