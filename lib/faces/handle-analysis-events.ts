import { markAnalysisDeadLettered } from '../db';
import { handleS3Messages } from '../events/handle-s3-messages';
import { MAX_DELIVERY_ATTEMPTS } from '../events/retry-policy';
import { countMetric, METRIC } from '../observability/metrics';
import { parseAnalysisInputKey } from '../storage';
import { processAnalysisInput } from './process-analysis-input';

/** The analyze-profile function: SQS batches of analysis-input notifications in, partial batch failures out. */
export function handleAnalysisEvents(event: unknown) {
  return handleS3Messages(event, {
    handler: 'analyze-profile',
    process: async (object) => {
      await processAnalysisInput(object);
    },
    ownerOf: parseAnalysisInputKey,
    onGiveUp: async (object) => {
      countMetric(METRIC.failures);
      const owner = parseAnalysisInputKey(object.key);
      if (owner) {
        await markAnalysisDeadLettered(owner, `The analysis failed ${MAX_DELIVERY_ATTEMPTS} times because of an error on our side. Press Retry to try again.`);
      }
    },
  });
}
