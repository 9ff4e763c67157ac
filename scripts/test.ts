/*
 * npm test: every check, arranged for a two-core machine (docs/architecture.md#ci).
 *
 *   build:site ─┬─ and the own-cloud files ─▶ e2e (first lane) ‖ e2e (second lane)
 *               └─ and infra:check ─────────▶ typecheck → deploy:check
 *   unit → lint → infra:check
 *   integration (shared cloud)
 *   integration (own clouds)
 *
 * The site is built once, and the e2e suite, the type-check (over the build's route types) and
 * deploy:check (over its OpenNext output) all use that build, so they wait for it and for nothing
 * else. The e2e suite, the longest path, runs as two lanes with a server and cloud each (e2e/lanes.ts):
 * one lane's browser work fills the other's waits on photos being processed. The integration suite
 * stays one run: in two shards (vitest's --shard, a cloud each) the extra load pushed the chaos test's
 * photos past its 90-s bound, as did lint in a lane of its own at the start. For the same reason the
 * e2e lanes, which start two servers and two browsers, wait for the own-cloud files (kills, outages and
 * their time bounds) to finish. The first failure stops everything, as `concurrently
 * --kill-others-on-fail` would.
 */
import { concurrently, type Command } from 'concurrently';

interface Step {
  name: string;
  command: string;
  env?: Record<string, string>;
}

const npm = (name: string, script = name): Step => ({ name, command: `npm run --silent ${script}` });

const running = new Set<Command>();
let failed = false;

/** Runs steps one after another (or all at once), with their names as prefixes; rejects on the first failure. */
async function run(steps: Step[], { together = false } = {}): Promise<void> {
  if (failed) throw new Error('an earlier step failed');
  const { commands, result } = concurrently(steps, { prefix: 'name', maxProcesses: together ? steps.length : 1, killOthersOn: ['failure'], timings: true });
  for (const command of commands) running.add(command);
  try {
    await result;
  } catch (error) {
    failed = true;
    for (const command of running) command.kill();
    throw error;
  } finally {
    for (const command of commands) running.delete(command);
  }
}

const started = performance.now();
const site = run([npm('build:site')]);
// Kills, outages and the time bounds they must recover within: these run while the machine is least busy.
const ownClouds = run([{ name: 'integration:own-clouds', command: 'vitest run --project integration-own-cloud' }]);
const lanes = [
  Promise.all([site, ownClouds]).then(() =>
    run(
      [
        { name: 'e2e:first', command: 'playwright test', env: { E2E_LANE: 'first' } },
        // Ports of its own, beside the first lane's (e2e/ports.ts).
        { name: 'e2e:second', command: 'playwright test', env: { E2E_LANE: 'second', E2E_PORT_OFFSET: '10' } },
      ],
      { together: true },
    ),
  ),
  // infra:check runs `sst install`, which must not rewrite .sst/platform while the infra tests or deploy:check read it.
  run([npm('unit', 'test:unit'), npm('lint'), npm('infra:check')])
    .then(() => site)
    .then(() => run([npm('typecheck'), { name: 'deploy:check', command: 'npm run --silent deploy:check -- --built-site' }])),
  run([{ name: 'integration', command: 'vitest run --project integration' }]),
  ownClouds,
];
const outcomes = await Promise.allSettled(lanes);
const seconds = ((performance.now() - started) / 1000).toFixed(0);
if (outcomes.some((outcome) => outcome.status === 'rejected')) {
  console.error(`✖ npm test failed after ${seconds} s`);
  process.exit(1);
}
console.log(`✓ npm test passed in ${seconds} s`);
