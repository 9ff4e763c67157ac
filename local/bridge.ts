import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { encodeEventKey } from '../lib/jobs/s3-keys';
import { MAX_DELIVERY_ATTEMPTS } from '../lib/jobs/retry-policy';
import { log } from '../lib/observability/log';

/** Which bucket notifications reach which function, and which function drains its dead-letter queue; infra/ wires the same on AWS. */
export interface Route {
  bucket: string;
  prefix: string;
  functionName: string;
  deadLetterFunction: string;
}

/** Runs a function with one event, like Lambda's Invoke API. */
export type Invoke = (functionName: string, event: object) => Promise<unknown>;

interface EmulatorRecord {
  eventName: string;
  eventTime?: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string; sequencer?: string } };
}

export interface BridgeOptions {
  events: EventEmitter;
  routes: Route[];
  invoke: Invoke;
  /** Looks up what the emulator leaves out of some records (it sends no eTag for copies). */
  describe: (bucket: string, key: string) => Promise<{ eTag: string; bytes: number } | null>;
  /** How long a failed message stays invisible before its next delivery, as SQS's visibility timeout. */
  visibilityTimeoutMs: number;
  /** How long a function may run; past it the attempt counts as failed, as a Lambda timeout does. */
  functionTimeoutMs: (functionName: string) => number;
  concurrency?: number;
}

/**
 * Stands in for S3 → SQS → Lambda, failures included. Each ObjectCreated record on a routed bucket
 * becomes one SQS message wrapping an S3 event in AWS's exact shape (keys form-encoded as S3 does),
 * delivered with ApproximateReceiveCount set. A delivery fails when the function throws, crashes,
 * times out or reports the message as a batch item failure; the message then waits out the visibility
 * timeout before its next delivery, and after MAX_DELIVERY_ATTEMPTS it moves to the dead-letter queue:
 * it is handed, unchanged, to the same store-dead-letter function that drains the queues on AWS.
 * Messages are independent: a slow or retried one never holds up the others.
 */
export function startBridge(options: BridgeOptions) {
  const slots = { free: options.concurrency ?? 2, waiting: [] as (() => void)[] };
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let stopped = false;

  const acquire = () => (slots.free > 0 ? (slots.free--, Promise.resolve()) : new Promise<void>((resolve) => slots.waiting.push(resolve)));
  const release = () => {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  };

  /** A wait that stop() cuts short, as a process exit ends SQS's wait for nobody. */
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => (timers.delete(entry), resolve()), ms), resolve };
      timers.add(entry);
    });

  const track = (task: Promise<void>) => {
    const tracked = task.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  const onEvent = (event: { Records?: EmulatorRecord[] }) => {
    for (const record of event.Records ?? []) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      const route = options.routes.find((r) => r.bucket === record.s3.bucket.name && record.s3.object.key.startsWith(r.prefix));
      if (!route) continue;
      track(complete(record).then((full) => deliver(route, sqsMessage(route.functionName, toAwsRecord(full)))));
    }
  };

  /** AWS always sends the object's eTag and size; the emulator does not for copies. */
  async function complete(record: EmulatorRecord): Promise<EmulatorRecord> {
    if (record.s3.object.eTag) return record;
    const described = await options.describe(record.s3.bucket.name, record.s3.object.key);
    return described ? { ...record, s3: { ...record.s3, object: { ...record.s3.object, eTag: described.eTag, size: described.bytes } } } : record;
  }

  /** One invocation; the reason it failed, or null when the message was handled. */
  async function attempt(functionName: string, message: SQSRecord): Promise<string | null> {
    await acquire();
    const timeoutMs = options.functionTimeoutMs(functionName);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const event: SQSEvent = { Records: [message] };
      const response = await Promise.race([options.invoke(functionName, event), timedOut]);
      if (response === 'timeout') return `Task timed out after ${timeoutMs / 1000} seconds`;
      const failures = (response as SQSBatchResponse | null | undefined)?.batchItemFailures ?? [];
      return failures.some((f) => f.itemIdentifier === message.messageId) ? 'reported a batch item failure' : null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  /** Delivers up to MAX_DELIVERY_ATTEMPTS times, each after the visibility timeout; false when every delivery failed. */
  async function deliverWithRetries(functionName: string, message: SQSRecord): Promise<boolean> {
    for (let receive = 1; receive <= MAX_DELIVERY_ATTEMPTS; receive++) {
      if (stopped) return true;
      message.attributes.ApproximateReceiveCount = String(receive);
      const failure = await attempt(functionName, message);
      if (!failure) return true;
      log.warn('Delivery failed', { functionName, attempt: receive, error: failure });
      await wait(options.visibilityTimeoutMs);
    }
    return stopped;
  }

  async function deliver(route: Route, message: SQSRecord): Promise<void> {
    if (await deliverWithRetries(route.functionName, message)) return;
    // SQS moves the message, body unchanged, to the dead-letter queue, whose consumer retries it the same way.
    const deadLetter = { ...message, attributes: { ...message.attributes }, eventSourceARN: queueArn(`${route.functionName}-dead-letters`) };
    if (await deliverWithRetries(route.deadLetterFunction, deadLetter)) return;
    // On AWS the message would wait in the dead-letter queue; the sweep gives its job up all the same.
    log.error('A dead letter could not be stored; the sweep will give its job up', { functionName: route.functionName });
  }

  options.events.on('event', onEvent);
  return {
    /** Resolves when every delivery under way has finished, retries included. */
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    /** Stops accepting events and abandons pending retries, as a process exit would; waits for invocations under way. */
    async stop() {
      stopped = true;
      options.events.off('event', onEvent);
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      timers.clear();
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

function queueArn(name: string): string {
  return `arn:aws:sqs:us-east-1:000000000000:${name}`;
}

/** The SQS message S3 would send to a function's queue for one record. */
export function sqsMessage(queue: string, record: object): SQSRecord {
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
    eventSourceARN: queueArn(queue),
    awsRegion: 'us-east-1',
  };
}
