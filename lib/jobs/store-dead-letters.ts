import type { SQSBatchResponse } from 'aws-lambda';
import { log } from '../observability/log';
import { giveUpJob } from './give-up';
import { jobKindOf } from './kinds';
import { objectsOf } from './sqs-messages';

/**
 * The store-dead-letter function: consumes every job queue's dead-letter queue. A message arrives
 * there, with the S3 event it carried, once its job failed every attempt, whether the handler threw,
 * crashed or timed out; each becomes its owner's dead letter (see giveUpJob).
 */
export async function storeDeadLetters(event: unknown, now = Date.now()): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const { messageId, objects } of objectsOf(event)) {
    try {
      for (const object of objects) {
        const kind = jobKindOf(object);
        const subject = kind?.parseKey(object.key);
        if (!kind || !subject) {
          log.error('A dead letter names no job; dropped', { bucket: object.bucket, key: object.key });
          continue;
        }
        await giveUpJob(kind, subject, object, now);
      }
    } catch (error) {
      log.error('Could not store a dead letter; it stays in the queue', { error: String(error) });
      batchItemFailures.push({ itemIdentifier: messageId });
    }
  }
  return { batchItemFailures };
}
