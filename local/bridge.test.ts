import { EventEmitter } from 'node:events';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS } from '../lib/jobs/retry-policy';
import { startBridge } from './bridge';

/** What s3rver emits for an upload: the key as stored, not encoded. */
function emulatorEvent(bucket: string, key: string, eventName = 'ObjectCreated:Put') {
  return { Records: [{ eventName, eventTime: '2026-11-21T10:00:00.000Z', s3: { bucket: { name: bucket }, object: { key, size: 5, eTag: 'abc' } } }] };
}

function harness(invoke: (name: string, event: SQSEvent) => Promise<unknown>, options: { timeoutMs?: number } = {}) {
  const events = new EventEmitter();
  const calls: { name: string; event: SQSEvent; at: number }[] = [];
  const started = Date.now();
  const bridge = startBridge({
    events,
    routes: [{ bucket: 'uploads', prefix: 'uploads/', functionName: 'process-image', deadLetterFunction: 'store-dead-letter' }],
    invoke: async (name, event) => {
      calls.push({ name, event: structuredClone(event as SQSEvent), at: Date.now() - started });
      return invoke(name, event as SQSEvent);
    },
    describe: async () => ({ eTag: 'described', bytes: 7 }),
    visibilityTimeoutMs: 50,
    functionTimeoutMs: () => options.timeoutMs ?? 5_000,
  });
  return { events, calls, bridge };
}

describe('the event bridge', () => {
  it('delivers an SQS message wrapping an S3 event in AWS’s shape, with the key encoded as S3 encodes it', async () => {
    const { events, calls, bridge } = harness(async () => undefined);
    events.emit('event', emulatorEvent('uploads', 'uploads/u 1/ü+(1)/original'));
    events.emit('event', emulatorEvent('other-bucket', 'uploads/x/y/original'));
    events.emit('event', emulatorEvent('uploads', 'elsewhere/x'));
    events.emit('event', emulatorEvent('uploads', 'uploads/x/y/original', 'ObjectRemoved:Delete'));
    await bridge.drain();

    expect(calls).toHaveLength(1);
    const [message] = calls[0]!.event.Records;
    expect(message).toMatchObject({ eventSource: 'aws:sqs', attributes: { ApproximateReceiveCount: '1' } });
    const [record] = JSON.parse(message!.body).Records;
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { s3SchemaVersion: '1.0', bucket: { name: 'uploads', arn: 'arn:aws:s3:::uploads' }, object: { key: 'uploads/u+1/%C3%BC%2B%281%29/original', size: 5, eTag: 'abc' } },
    });
  });

  it('retries after the visibility timeout with a growing receive count, as SQS does', async () => {
    let failuresLeft = MAX_DELIVERY_ATTEMPTS - 1;
    const { events, calls, bridge } = harness(async (_name, event) =>
      failuresLeft-- > 0 ? { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] } : undefined,
    );
    events.emit('event', emulatorEvent('uploads', 'uploads/a/b/original'));
    await bridge.drain();
    expect(calls.map((call) => call.event.Records[0]!.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3']);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(45);
    expect(calls.every((call) => call.name === 'process-image')).toBe(true);
  });

  it('moves a message that failed every attempt, thrown, reported or timed out, unchanged to the dead-letter function', async () => {
    let attempt = 0;
    const { events, calls, bridge } = harness(
      async (name, event) => {
        if (name === 'store-dead-letter') return { batchItemFailures: [] };
        attempt += 1;
        if (attempt === 1) throw new Error('Runtime exited with error: signal: killed');
        if (attempt === 2) return { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] };
        return new Promise(() => undefined);
      },
      { timeoutMs: 100 },
    );
    events.emit('event', emulatorEvent('uploads', 'uploads/a/b/original'));
    await bridge.drain();

    expect(calls.map((call) => call.name)).toEqual(['process-image', 'process-image', 'process-image', 'store-dead-letter']);
    const delivered = calls[0]!.event.Records[0]!;
    const deadLettered = calls[3]!.event.Records[0]!;
    expect(deadLettered.messageId).toBe(delivered.messageId);
    expect(deadLettered.body).toBe(delivered.body);
    expect(deadLettered.eventSourceARN).toMatch(/process-image-dead-letters$/);
  });

  it('fills in the eTag and size the emulator leaves out of copy events', async () => {
    const { events, calls, bridge } = harness(async () => undefined);
    events.emit('event', { Records: [{ eventName: 'ObjectCreated:Copy', s3: { bucket: { name: 'uploads' }, object: { key: 'uploads/a/b/original' } } }] });
    await bridge.drain();
    expect(JSON.parse(calls[0]!.event.Records[0]!.body).Records[0].s3.object).toMatchObject({ eTag: 'described', size: 7 });
  });

  it('abandons pending retries when stopped, as a process exit would', async () => {
    const { events, calls, bridge } = harness(async (_name, event) => ({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] }));
    events.emit('event', emulatorEvent('uploads', 'uploads/a/b/original'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await bridge.stop();
    expect(calls).toHaveLength(1);
  });
});
