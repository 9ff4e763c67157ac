/*
 * npm run load: 20 users upload 10 photos each, all at once, through the presigned flow and a local
 * cloud of its own (a child process, loopback only, on free ports, in a scratch folder). Every photo
 * must end ready, each user must see exactly their own 10, nothing may be finished twice, and the
 * buckets and the table must agree with nothing left over. Prints the throughput and the upload →
 * ready latency; exits 1 on any failure.
 *
 * --chaos: meanwhile the local cloud is killed with SIGKILL twice and restarted, and DynamoDB is
 * stopped once for 5 s, at moments drawn from --seed (printed, so a run can be repeated). Prints how
 * long the run took to get over each fault. --json prints the figures as one JSON object instead.
 * Not part of `npm test` (tests/integration/chaos-load.test.ts runs a small chaos load there).
 */
import { parseArgs } from 'node:util';
import { parseOrExplain } from './cli';
import type { FaultKind } from './load/chaos';
import { runLoad, type LoadReport } from './load/run-load';

const USAGE = 'Usage: npm run load [-- --chaos [--seed N]] [--users N] [--photos N] [--json]';
const CHAOS: FaultKind[] = ['kill-cloud', 'kill-cloud', 'stop-dynamo'];
const DYNAMO_DOWN_MS = 5000;
const LOAD_TIMEOUT_MS = 30 * 60 * 1000;

const options = parseOrExplain(() => {
  const { values } = parseArgs({
    options: {
      chaos: { type: 'boolean', default: false },
      seed: { type: 'string' },
      users: { type: 'string', default: '20' },
      photos: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
    },
  });
  const count = (name: string, value: string) => {
    if (!/^[1-9]\d*$/.test(value)) throw new Error(`--${name} takes a whole number above 0, not "${value}".`);
    return Number(value);
  };
  if (values.seed !== undefined && !values.chaos) throw new Error('--seed only means something with --chaos.');
  return {
    chaos: values.chaos,
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : count('seed', values.seed),
    users: count('users', values.users),
    photos: count('photos', values.photos),
    json: values.json,
  };
}, USAGE);
if (!options) process.exit(2);

const say = (line: string) => {
  if (!options.json) console.log(`  ${line}`);
};
if (options.chaos) say(`chaos seed ${options.seed} (npm run load -- --chaos --seed ${options.seed} repeats the plan)`);

let report: LoadReport;
try {
  report = await runLoad({
    users: options.users,
    photosPerUser: options.photos,
    faults: options.chaos ? CHAOS : [],
    seed: options.seed,
    dynamoDownMs: DYNAMO_DOWN_MS,
    env: {},
    timeoutMs: LOAD_TIMEOUT_MS,
    progress: say,
  });
} catch (error) {
  console.error(`✖ load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}

if (options.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const r = report;
  console.log(`load: ${r.users} users × ${r.photosPerUser} uploads of ${r.fixture} (${(r.fixtureBytes / 1e6).toFixed(1)} MB), on ${r.cores} cores${r.chaos ? `, chaos seed ${r.seed}` : ''}`);
  console.log(`  uploads done after ${r.uploadsDoneSeconds} s; all ${r.photos} ready after ${r.allReadySeconds ?? '—'} s`);
  console.log(`  throughput ${r.throughputPerSecond ?? '—'} photos/s`);
  console.log(`  upload → ready p50 ${r.readyLatencyP50Ms ?? '—'} ms, p95 ${r.readyLatencyP95Ms ?? '—'} ms (a queue of ${r.photos} behind the bridge's 2 concurrent invocations)`);
  console.log(`  ready ${r.ready}/${r.photos}, failed ${r.failed}; runs per photo ${JSON.stringify(r.runsPerPhoto)}`);
  console.log(`  finished twice: ${r.completedTwice} (completions heard ${r.completions}, not heard ${r.completionsUnheard}; heard twice ${r.finishedAgain.heardTwice}, ready then processing again ${r.finishedAgain.readyAgain}, faces found twice ${r.finishedAgain.facesAskedTwice})`);
  console.log(`  consistency findings: ${r.inconsistencies}; left over: ${r.leftovers.uploads} in uploads, ${r.leftovers.media} in media`);
  for (const fault of r.faults) {
    console.log(
      `  ${fault.kind} at ${fault.atSeconds} s (${fault.readyBefore} ready, ${fault.inFlight} in flight): down ${fault.downMs} ms, next photo ready ${fault.resumedMs ?? '—'} ms later, those in flight ready ${fault.settledMs ?? '—'} ms later`,
    );
  }
}
if (report.failures.length > 0) {
  console.error(`✖ load failed:\n${report.failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exit(1);
}
if (!options.json) console.log(`✓ load: every photo ready, each user sees exactly their own, none finished twice, buckets and table agree, nothing left over${report.chaos ? ', through every fault' : ''}`);
process.exit(0);
