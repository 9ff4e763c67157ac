/*
 * npm test: every check, arranged for a two-core machine (docs/architecture.md#ci).
 *
 *   build:site ──────────────▶ e2e → lint
 *        └───────────────┐
 *   unit → infra:check ──────▶ typecheck → deploy:check
 *   integration (shared cloud) ‖ integration (own clouds)
 *
 * The site is built once, and the e2e suite, the type-check (over the build's route types) and
 * deploy:check (over its OpenNext output) all use that build, so they wait for it and for nothing
 * else. Lint needs nothing and goes where it ends the run soonest: after e2e, whose lane ends first
 * since e2e runs two workers. The first failure stops everything, as `concurrently
 * --kill-others-on-fail` would.
 */
import { concurrently, type Command } from 'concurrently';

interface Step {
  name: string;
  command: string;
}

const npm = (name: string, script = name): Step => ({ name, command: `npm run --silent ${script}` });

/*
 * On Linux, each step in a session of its own (setsid). Linux's scheduler shares the cores between
 * sessions first (autogroups), and Playwright starts each browser and web server detached, in sessions
 * of their own: with every other step in this one session, the unit, integration and own-cloud lanes
 * shared a fifth of the machine while e2e ran. concurrently still stops each step's whole process tree
 * and forwards Ctrl-C, which no longer reaches a step in another session by itself.
 */
const inOwnSession = (command: string) => (process.platform === 'linux' ? `setsid ${command}` : command);

const running = new Set<Command>();
let failed = false;

/** Runs steps one after another (or all at once), with their names as prefixes; rejects on the first failure. */
async function run(steps: Step[], { together = false } = {}): Promise<void> {
  if (failed) throw new Error('an earlier step failed');
  const { commands, result } = concurrently(steps.map((step) => ({ ...step, command: inOwnSession(step.command) })), { prefix: 'name', maxProcesses: together ? steps.length : 1, killOthersOn: ['failure'], timings: true });
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
const lanes = [
  site.then(() => run([{ name: 'e2e', command: 'playwright test' }, npm('lint')])),
  run([npm('unit', 'test:unit'), npm('infra:check')])
    .then(() => site)
    .then(() => run([npm('typecheck'), { name: 'deploy:check', command: 'npm run --silent deploy:check -- --built-site' }])),
  run([{ name: 'integration', command: 'vitest run --project integration --project integration-isolated' }, { name: 'integration:own-clouds', command: 'vitest run --project integration-own-cloud' }], { together: true }),
];
const outcomes = await Promise.allSettled(lanes);
const seconds = ((performance.now() - started) / 1000).toFixed(0);
if (outcomes.some((outcome) => outcome.status === 'rejected')) {
  console.error(`✖ npm test failed after ${seconds} s`);
  process.exit(1);
}
console.log(`✓ npm test passed in ${seconds} s`);
