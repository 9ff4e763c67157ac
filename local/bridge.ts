import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { insertDeadLetter } from '../lib/db';
import { encodeEventKey } from '../lib/events/s3-keys';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../lib/events/retry-policy';
import { log } from '../lib/observability/log';

/** Which bucket notifications reach which function; infra/ wires the same routes on AWS. */
export interface Route {
  bucket: string;
  prefix: string;
  functionName: string;
}

/** Runs a function with one event, like Lambda's Invoke API. */
export type Invoke = (functionName: string, event: SQSEvent) => Promise<SQSBatchResponse | void>;

interface EmulatorRecord {
  eventName: string;
  eventTime?: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string; sequencer?: string } };
}

/**
 * Stands in for S3 → SQS → Lambda. Each ObjectCreated record on a routed bucket becomes one SQS
 * message wrapping an S3 event in AWS's exact shape (keys form-encoded as S3 does), delivered up to
 * MAX_DELIVERY_ATTEMPTS times with ApproximateReceiveCount set, as SQS with a redrive policy would.
 * Messages are independent: a slow or retried one never holds up the others.
 */
export function startBridge(options: {
  events: EventEmitter;
  routes: Route[];
  invoke: Invoke;
  /** Looks up what the emulator leaves out of some records (it sends no eTag for copies). */
  describe: (bucket: string, key: string) => Promise<{ eTag: string; bytes: number } | null>;
  concurrency?: number;
}) {
  const slots = { free: options.concurrency ?? 2, waiting: [] as (() => void)[] };
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const acquire = () => (slots.free > 0 ? (slots.free--, Promise.resolve()) : new Promise<void>((resolve) => slots.waiting.push(resolve)));
  const release = () => {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  };

  const onEvent = (event: { Records?: EmulatorRecord[] }) => {
    for (const record of event.Records ?? []) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      const route = options.routes.find((r) => r.bucket === record.s3.bucket.name && record.s3.object.key.startsWith(r.prefix));
      if (!route) continue;
      const task = complete(record)
        .then((full) => deliver(route, toAwsRecord(full)))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
  };

  /** AWS always sends the object's eTag and size; the emulator does not for copies. */
  async function complete(record: EmulatorRecord): Promise<EmulatorRecord> {
    if (record.s3.object.eTag) return record;
    const described = await options.describe(record.s3.bucket.name, record.s3.object.key);
    return described ? { ...record, s3: { ...record.s3, object: { ...record.s3.object, eTag: described.eTag, size: described.bytes } } } : record;
  }

  async function deliver(route: Route, record: object): Promise<void> {
    const message = sqsMessage(route, record);
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS && !stopped; attempt++) {
      message.attributes.ApproximateReceiveCount = String(attempt);
      await acquire();
      // "reported": the handler returned the message as a batch item failure; "crashed": it threw.
      let failure: { kind: 'reported' } | { kind: 'crashed'; error: unknown } | null = null;
      try {
        const response = await options.invoke(route.functionName, { Records: [message] });
        if (response?.batchItemFailures?.some((f) => f.itemIdentifier === message.messageId)) failure = { kind: 'reported' };
      } catch (error) {
        failure = { kind: 'crashed', error };
      } finally {
        release();
      }
      if (!failure) return;
      const error = failure.kind === 'crashed' ? failure.error : 'reported a batch item failure';
      log.warn('Delivery failed', { functionName: route.functionName, attempt, error: String(error) });
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
      } else if (failure.kind === 'crashed') {
        // The function itself crashed on its last attempt: what SQS would move to the DLQ. (A handler
        // reports a failure on its last attempt only when even its own dead letter could not be stored.)
        await insertDeadLetter({
          deadLetterId: message.messageId,
          userId: 'unknown',
          handler: route.functionName,
          record: JSON.stringify(record),
          error: failure.error instanceof Error ? failure.error.message : String(failure.error),
          attempts: attempt,
        }).catch((storeError: unknown) => log.error('Could not store a dead letter', { error: String(storeError) }));
      }
    }
  }

  options.events.on('event', onEvent);
  return {
    /** Resolves when every delivery under way has finished. */
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      stopped = true;
      options.events.off('event', onEvent);
      await this.drain();
    },
  };
}

export function toAwsRecord(record: EmulatorRecord) {
  const bucket = record.s3.bucket.name;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: record.eventTime ?? new Date().toISOString(),
    eventName: record.eventName,
    userIdentity: { principalId: 'AWS:LOCALCLOUD' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(), 'x-amz-id-2': randomUUID() },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'local-cloud',
      bucket: { name: bucket, ownerIdentity: { principalId: 'LOCALCLOUD' }, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: encodeEventKey(record.s3.object.key),
        size: record.s3.object.size ?? 0,
        eTag: (record.s3.object.eTag ?? '').replace(/"/g, ''),
        sequencer: record.s3.object.sequencer ?? Date.now().toString(16).toUpperCase(),
      },
    },
  };
}

function sqsMessage(route: Route, record: object): SQSRecord {
  const body = JSON.stringify({ Records: [record] });
  const now = String(Date.now());
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: now, SenderId: 'LOCALCLOUD', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${route.functionName}`,
    awsRegion: 'us-east-1',
  };
}
