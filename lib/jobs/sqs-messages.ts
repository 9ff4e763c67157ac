import { log } from '../observability/log';
import { decodeEventKey } from './s3-keys';
import { S3EventSchema, S3TestEventSchema, SqsEventSchema, type S3EventRecord, type StoredObject } from './schemas';

export interface MessageObjects {
  messageId: string;
  /** SQS's receive count: 1 on the first delivery. */
  attempt: number;
  objects: StoredObject[];
}

/**
 * The created objects each SQS message of a batch announces. A batch or message that is not what S3
 * and SQS send is logged and dropped: retrying it could never make it valid.
 */
export function objectsOf(event: unknown): MessageObjects[] {
  const parsed = SqsEventSchema.safeParse(event);
  if (!parsed.success) {
    log.error('Dropped an event that is not an SQS batch', { issues: parsed.error.issues });
    return [];
  }
  return parsed.data.Records.map((message) => ({
    messageId: message.messageId,
    attempt: message.attributes.ApproximateReceiveCount,
    objects: recordsOf(message.body).map(storedObjectOf),
  }));
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

/** Sequencers are hex strings of varying length, compared once right-padded with zeros; none is near this long. */
const SEQUENCER_WIDTH = 40;

/** The object an S3 event record announces, with its key decoded, its eTag unquoted and its sequencer comparable. */
export function storedObjectOf(record: S3EventRecord): StoredObject {
  const { sequencer } = record.s3.object;
  return {
    bucket: record.s3.bucket.name,
    key: decodeEventKey(record.s3.object.key),
    eTag: (record.s3.object.eTag ?? '').replace(/^"|"$/g, ''),
    size: record.s3.object.size ?? 0,
    ...(sequencer ? { sequencer: sequencer.toUpperCase().padEnd(SEQUENCER_WIDTH, '0') } : {}),
  };
}
