import type { SQSBatchResponse } from 'aws-lambda';
import { log } from '../observability/log';
import { countMetric, METRIC } from '../observability/metrics';
import type { JobKind, JobWork } from './job-kind';
import { runJob } from './run-job';
import { objectsOf } from './sqs-messages';

/**
 * A job function's handler: an SQS batch of S3 notifications in, partial batch failures out. Each
 * object runs on its own; a record that throws is reported, so only its message comes back, and
 * after the last attempt SQS moves it to the dead-letter queue (the handler never gives up itself).
 */
export async function handleJobMessages(kind: JobKind, work: JobWork, event: unknown): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const { messageId, attempt, objects } of objectsOf(event)) {
    for (const object of objects) {
      try {
        const outcome = await runJob(kind, work, object);
        log.info('Job run ended', { kind: kind.name, outcome, attempt });
      } catch (error) {
        countMetric(METRIC.failures);
        log.error('Job run failed', { kind: kind.name, key: object.key, attempt, error: String(error) });
        batchItemFailures.push({ itemIdentifier: messageId });
        break;
      }
    }
  }
  return { batchItemFailures };
}
