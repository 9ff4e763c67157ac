import { MAX_DELIVERY_ATTEMPTS } from '../lib/events/retry-policy';

/*
 * Timing of the event pipeline. A handler works through its batch one object at a time, so the
 * timeout covers a whole batch of the slowest uploads (25 MB originals), cold start included.
 */

/** Records per invocation: enough to amortise cold starts, few enough that one slow batch stays well inside the timeout. */
export const BATCH_SIZE = 5;

export const PROCESS_IMAGE_TIMEOUT_SECONDS = 60;
export const ANALYZE_PROFILE_TIMEOUT_SECONDS = 60;

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

/*
 * Concurrent analyze-profile batches. Each one calls Rekognition once per photo, so this cap keeps a
 * burst of uploads under the account's DetectFaces requests-per-second quota instead of into throttling.
 */
export const ANALYZE_PROFILE_MAX_CONCURRENCY = 5;
