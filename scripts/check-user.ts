import { parseArgs } from 'node:util';
import { findUserData, holdsUserData } from '../lib/account/find-user-data';
import { connectLocalCloudUnlessDeployed } from '../local/env';
import { parseOrExplain } from './cli';

/*
 * `npm run check:user -- <userId> [--json]`: lists everything the buckets, the table and the face index
 * still hold for one user; exits 0 when that is nothing, 1 otherwise. Against the local cloud of
 * `npm run dev` by default; against AWS under `npx sst shell --stage <stage> -- npm run check:user -- <userId>`.
 */
const USAGE = 'Usage: npm run check:user -- <userId> [--json]';

const options = parseOrExplain(() => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' } } });
  const [userId, ...rest] = positionals;
  if (!userId || rest.length > 0) throw new Error('Name one user id.');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw new Error(`"${userId}" is not a user id.`);
  return { userId, json: values.json ?? false };
}, USAGE);
if (!options) process.exit(2);

connectLocalCloudUnlessDeployed();
const report = await findUserData(options.userId);
if (options.json) {
  console.log(JSON.stringify(report));
} else {
  for (const { bucket, key } of report.objects) console.log(`object\t${bucket}/${key}`);
  for (const { entity, keys } of report.items) console.log(`item\t${entity}\t${JSON.stringify(keys)}`);
  if (report.indexedFaces > 0) console.log(`faces\t${report.indexedFaces} in the face index`);
  if (report.closure) {
    const until = report.closure.expiresAt ? `until ${new Date(report.closure.expiresAt * 1000).toISOString()}` : 'while the deletion runs';
    console.log(`note\tthe account is closed (asked ${new Date(report.closure.requestedAt).toISOString()}); the closure mark stays ${until}`);
  }
  console.log(holdsUserData(report) ? `✖ ${report.objects.length} objects, ${report.items.length} items and ${report.indexedFaces} indexed faces remain for ${options.userId}.` : `✓ Nothing is left of ${options.userId}.`);
}
process.exitCode = holdsUserData(report) ? 1 : 0;
