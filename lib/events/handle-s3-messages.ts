import type { SQSBatchResponse } from 'aws-lambda';
import { insertDeadLetter } from '../db';
import { log } from '../observability/log';
import { S3EventSchema, S3TestEventSchema, SqsEventSchema, type S3EventRecord, type StoredObject } from './schemas';
import { decodeEventKey } from './s3-keys';
import { MAX_DELIVERY_ATTEMPTS } from './retry-policy';
import { nanoid } from 'nanoid';

/**
 * Handles one stored object. A bad file is an outcome the processor records itself; whatever it
 * throws is worth another attempt.
 */
export type ObjectProcessor = (object: StoredObject) => Promise<void>;

export interface DeadLetterOwner {
  userId: string;
  imageId?: string;
}

export interface S3MessageHandler {
  /** The function's name, kept with its dead letters. */
  handler: string;
  process: ObjectProcessor;
  ownerOf: (key: string) => DeadLetterOwner | null;
  /** Lets the owner see that the object was given up on, and lets a redrive claim it again. */
  onGiveUp: (object: StoredObject, error: unknown) => Promise<void>;
}

/**
 * Runs an SQS batch of S3 notifications through a processor, one object at a time and each on its
 * own: a failing record is reported back as a batch item failure, so only it is delivered again.
 * On the last attempt the record goes to the dead-letter store instead of back to the queue.
 */
export async function handleS3Messages(
  event: unknown,
  options: S3MessageHandler,
): Promise<SQSBatchResponse> {
  const parsed = SqsEventSchema.safeParse(event);
  if (!parsed.success) {
    log.error('Dropped an event that is not an SQS batch', { issues: parsed.error.issues });
    return { batchItemFailures: [] };
  }

  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of parsed.data.Records) {
    const attempt = message.attributes.ApproximateReceiveCount;
    for (const record of recordsOf(message.body)) {
      const object = storedObjectOf(record);
      try {
        await options.process(object);
      } catch (error) {
        log.error('Processing failed', { key: object.key, attempt, error: String(error) });
        // If even the dead letter cannot be stored, the message goes back to the queue (and SQS's own DLQ).
        if (attempt < MAX_DELIVERY_ATTEMPTS || !(await deadLetter(object, record, attempt, error, options))) {
          batchItemFailures.push({ itemIdentifier: message.messageId });
          break;
        }
      }
    }
  }
  return { batchItemFailures };
}

async function deadLetter(
  object: StoredObject,
  record: S3EventRecord,
  attempts: number,
  error: unknown,
  options: S3MessageHandler,
): Promise<boolean> {
  try {
    await insertDeadLetter({
      deadLetterId: nanoid(),
      ...(options.ownerOf(object.key) ?? { userId: 'unknown' }),
      handler: options.handler,
      record: JSON.stringify(record),
      error: error instanceof Error ? error.message : String(error),
      attempts,
    });
    await options.onGiveUp(object, error);
    return true;
  } catch (storeError) {
    log.error('Could not store a dead letter', { key: object.key, error: String(storeError) });
    return false;
  }
}

function recordsOf(body: string): S3EventRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    log.error('Dropped a message whose body is not JSON', { body: body.slice(0, 200) });
    return [];
  }
  if (S3TestEventSchema.safeParse(json).success) return [];
  const parsed = S3EventSchema.safeParse(json);
  if (!parsed.success) {
    log.error('Dropped a message that is not an S3 event', { issues: parsed.error.issues });
    return [];
  }
  return parsed.data.Records.filter((record) => record.eventName.startsWith('ObjectCreated:'));
}

export function storedObjectOf(record: S3EventRecord): StoredObject {
  return {
    bucket: record.s3.bucket.name,
    key: decodeEventKey(record.s3.object.key),
    eTag: (record.s3.object.eTag ?? '').replace(/^"|"$/g, ''),
    size: record.s3.object.size ?? 0,
  };
}
