import type { Context, SQSBatchResponse } from 'aws-lambda';
import { log } from '../observability/log';
import { countMetric, METRIC, withMetrics } from '../observability/metrics';
import { withTracing } from '../observability/tracing';
import type { JobKind, JobWork } from './job-kind';
import { runJob } from './run-job';
import { objectsOf } from './sqs-messages';

/**
 * A job function's handler: an SQS batch of S3 notifications in, partial batch failures out. Each
 * object runs on its own; a record that throws is reported, so only its message comes back, and
 * after the last attempt SQS moves it to the dead-letter queue (the handler never gives up itself).
 */
export async function handleJobMessages(kind: JobKind, work: JobWork, event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SQSBatchResponse> {
  const deadline = context ? Date.now() + context.getRemainingTimeInMillis() : undefined;
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const { messageId, attempt, objects } of objectsOf(event)) {
    for (const object of objects) {
      try {
        const outcome = await runJob(kind, work, object, { deadline });
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

/** A job function's whole Lambda handler (functions/ hold one line each): traced, its metrics flushed per invocation, bounded by its timeout. */
export function jobHandler(kind: JobKind, work: JobWork) {
  return withTracing(withMetrics((event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => handleJobMessages(kind, work, event, context)));
}
