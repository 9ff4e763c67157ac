import { MAX_DELIVERY_ATTEMPTS } from '../lib/jobs/retry-policy';

/*
 * Timing of the event pipeline. A handler works through its batch one object at a time, so the
 * timeout covers a whole batch, cold start included.
 */

/** Records per invocation for quick jobs (an analysis, a dead letter): enough to amortise cold starts. */
export const BATCH_SIZE = 5;

/**
 * One upload per invocation: each image's steps are bounded (STEP_TIMEOUT_SECONDS) so that one image
 * always ends inside the timeout with an answer, which a batch of five slow ones would not.
 */
export const PROCESS_IMAGE_BATCH_SIZE = 1;

export const PROCESS_IMAGE_TIMEOUT_SECONDS = 60;
export const ANALYZE_PROFILE_TIMEOUT_SECONDS = 60;
/** A batch of five photos, each detection, descriptors, thumbnails and grouping's searches. */
export const INDEX_FACES_TIMEOUT_SECONDS = 120;
/** One query photo while the site waits; the site gives up before its own timeout. */
export const DESCRIBE_FACES_TIMEOUT_SECONDS = 20;
/** A whole account: every object and item of a large library goes in one run (an interrupted one starts over, finding less). */
export const DELETE_ACCOUNT_TIMEOUT_SECONDS = 900;
/** A whole library read and zipped in one run: 15 minutes is Lambda's limit and streams several GB. */
export const EXPORT_ACCOUNT_TIMEOUT_SECONDS = 900;
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

/*
 * Concurrent analyze-profile batches. Each one calls Rekognition once per photo, so this cap keeps a
 * burst of uploads under the account's DetectFaces requests-per-second quota instead of into throttling.
 */
export const ANALYZE_PROFILE_MAX_CONCURRENCY = 5;

/* Concurrent index-faces batches, for the same reason: IndexFaces and SearchFaces have per-second quotas too. */
export const INDEX_FACES_MAX_CONCURRENCY = 5;
