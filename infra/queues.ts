import { JOB_WIRING, type BucketLink, type JobWiring } from '../lib/jobs/wiring';
import { DEAD_LETTER_RETENTION_SECONDS, MAX_RECEIVE_COUNT, visibilityTimeoutSeconds } from './limits';
import { deadLetterAlarm } from './monitoring';
import { buckets } from './storage';

/*
 * Bucket notifications go to a queue, never straight to a function: the queue retries, keeps what
 * keeps failing in its dead-letter queue, and absorbs bursts that would otherwise throttle.
 */
function eventQueue(row: JobWiring) {
  const deadLetters = new sst.aws.Queue(`${row.component}DeadLetters`, {
    transform: { queue: { messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS } },
  });
  const queue = new sst.aws.Queue(`${row.component}Queue`, {
    visibilityTimeout: `${visibilityTimeoutSeconds(row.timeoutSeconds)} seconds`,
    dlq: { queue: deadLetters.arn, retry: MAX_RECEIVE_COUNT },
  });
  deadLetterAlarm(row.component, deadLetters);
  return { row, queue, deadLetters };
}

/** Each job kind's queue and dead-letter queue, in the order of the job-wiring table. */
export const jobQueues = JOB_WIRING.map(eventQueue);

/* One notification configuration per bucket, with a rule per kind. ObjectCreated:* includes Copy, which is how the sweep and redrive announce a trigger again. */
for (const [link, bucket] of Object.entries(buckets) as [BucketLink, sst.aws.Bucket][]) {
  const notifications = jobQueues
    .filter(({ row }) => row.trigger.bucket === link)
    .map(({ row, queue }) => ({ name: row.component, queue, events: ['s3:ObjectCreated:*' as const], filterPrefix: row.trigger.prefix }));
  if (notifications.length > 0) bucket.notify({ notifications });
}
