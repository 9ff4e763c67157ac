import { MAX_DELIVERY_ATTEMPTS } from '../lib/jobs/retry-policy';

/*
 * Timing of the functions that run no job kind, and of the queues every job kind gets. A job kind's
 * own timeout, batch size and concurrency are in its row of the job-wiring table (lib/jobs/wiring.ts).
 */

/** Dead letters per invocation of their drain: each is three small table writes. */
export const DEAD_LETTER_BATCH_SIZE = 5;

/** One query photo while the site waits; the site gives up before its own timeout. */
export const DESCRIBE_FACES_TIMEOUT_SECONDS = 20;
/** A dead letter is three small table writes. */
export const STORE_DEAD_LETTER_TIMEOUT_SECONDS = 30;
/** AWS IoT waits at most 5 seconds for a custom authorizer; it reads two items. */
export const LIVE_AUTHORIZER_TIMEOUT_SECONDS = 5;
/** A sweep pages through every overdue job; a backlog of thousands still fits. */
export const SWEEP_TIMEOUT_SECONDS = 300;

/** How often the sweep looks for stuck jobs: every few minutes, well inside the queues' own retry window. */
export const SWEEP_SCHEDULE = 'rate(5 minutes)';

/*
 * AWS's rule for SQS event sources: a message must stay invisible for at least six function
 * timeouts, or Lambda's own retries of a throttled batch hand the same message out twice.
 */
export const VISIBILITY_TIMEOUT_MULTIPLIER = 6;

export function visibilityTimeoutSeconds(functionTimeoutSeconds: number): number {
  return functionTimeoutSeconds * VISIBILITY_TIMEOUT_MULTIPLIER;
}

/** Deliveries before SQS moves a message to the dead-letter queue; the handlers count the same attempts. */
export const MAX_RECEIVE_COUNT = MAX_DELIVERY_ATTEMPTS;

/** Dead letters wait the SQS maximum, so a failure noticed after a long weekend can still be redriven. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;
