import fc from 'fast-check';

export type FaultKind = 'kill-cloud' | 'stop-dynamo';

/** One fault of a chaos run: it strikes once this share of the photos is ready, plus a delay, so it lands anywhere in a run. */
export interface PlannedFault {
  kind: FaultKind;
  /** The share of photos ready (0–1) at which it strikes. */
  atShareReady: number;
  /** How long after that it strikes, so it does not always land just as a photo finishes. */
  delayMs: number;
}

/** Faults strike in the middle of the run, between these shares of photos ready: never before work is under way, never after it is all done. */
const FIRST_SHARE = 0.1;
const LAST_SHARE = 0.85;
const MAX_DELAY_MS = 1500;

/**
 * The faults of a chaos run, in the order they strike, drawn from a seed so that a run can be
 * repeated: the kinds in a shuffled order, each striking somewhere in its own slice of the run.
 */
export function planFaults(kinds: FaultKind[], seed: number): PlannedFault[] {
  const slice = (LAST_SHARE - FIRST_SHARE) / kinds.length;
  const draw = fc.tuple(
    fc.shuffledSubarray(kinds, { minLength: kinds.length, maxLength: kinds.length }),
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: MAX_DELAY_MS })), {
      minLength: kinds.length,
      maxLength: kinds.length,
    }),
  );
  const [[order, places]] = fc.sample(fc.noBias(draw), { seed, numRuns: 1 }) as [[FaultKind[], [number, number][]]];
  return order.map((kind, position) => ({
    kind,
    atShareReady: FIRST_SHARE + slice * (position + places[position]![0]),
    delayMs: places[position]![1],
  }));
}
