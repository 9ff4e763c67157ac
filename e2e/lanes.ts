/*
 * `npm test` runs the e2e suite as two lanes at once, each on a server and local cloud of its own
 * (E2E_PORT_OFFSET), so that one lane's browser work fills the time the other spends waiting on
 * photos being processed. The first lane holds the specs that need the Clerk-mode server and the
 * one that starts `npm run dev` for itself; the second lane is every other spec, new ones included.
 * Measured in CI (seconds of test time): batch-grid 98, accessibility 56, authorization 33, analysis
 * 19, security-headers 11 — 217 — against the rest's 250.
 */

export type E2eLane = 'first' | 'second';

const FIRST_LANE = ['batch-grid', 'accessibility', 'authorization', 'analysis', 'security-headers'];

/** Specs that visit the Clerk-mode server: it starts only in a run that includes them. */
const CLERK_MODE_SPECS = ['authorization', 'security-headers'];

const files = (names: readonly string[]) => names.map((name) => `**/${name}.spec.ts`);

/** The lane this run is, from E2E_LANE; unset: the whole suite. */
export function e2eLane(): E2eLane | undefined {
  const lane = process.env.E2E_LANE;
  if (lane === undefined || lane === '') return undefined;
  if (lane !== 'first' && lane !== 'second') throw new Error(`E2E_LANE must be "first" or "second", not "${lane}"`);
  return lane;
}

/** Playwright's testMatch and testIgnore for a lane. */
export function laneFiles(lane: E2eLane | undefined): { testMatch?: string[]; testIgnore?: string[] } {
  if (lane === 'first') return { testMatch: files(FIRST_LANE) };
  if (lane === 'second') return { testIgnore: files(FIRST_LANE) };
  return {};
}

/** Whether a lane runs a spec that needs the Clerk-mode server. */
export function laneNeedsClerkMode(lane: E2eLane | undefined): boolean {
  return lane !== 'second' || CLERK_MODE_SPECS.some((name) => !FIRST_LANE.includes(name));
}
