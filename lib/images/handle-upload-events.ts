import { markImageDeadLettered } from '../db';
import { handleS3Messages } from '../events/handle-s3-messages';
import { MAX_DELIVERY_ATTEMPTS } from '../events/retry-policy';
import { parseOriginalKey } from '../storage';
import { countMetric, METRIC, timeMetric } from '../observability/metrics';
import { processUpload } from './process-upload';

/** The process-image function: SQS batches of upload notifications in, partial batch failures out. */
export function handleUploadEvents(event: unknown) {
  return handleS3Messages(event, {
    handler: 'process-image',
    process: async (object) => {
      const started = performance.now();
      const outcome = await processUpload(object);
      if (outcome === 'ready') {
        countMetric(METRIC.imagesProcessed);
        timeMetric(METRIC.processingMs, performance.now() - started);
      } else if (outcome === 'failed') {
        countMetric(METRIC.failures);
      }
    },
    ownerOf: parseOriginalKey,
    onGiveUp: async (object) => {
      countMetric(METRIC.failures);
      const owner = parseOriginalKey(object.key);
      if (owner) {
        await markImageDeadLettered(
          owner,
          `Processing failed ${MAX_DELIVERY_ATTEMPTS} times because of an error on our side. Your photo is safe; press Retry to try again.`,
        );
      }
    },
  });
}
