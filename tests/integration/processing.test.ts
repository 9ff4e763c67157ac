import type { SQSEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findImage, listDeadLettersByOwner } from '@/lib/db';
import { redriveOwnDeadLetter } from '@/lib/events/redrive-dead-letter';
import { MAX_DELIVERY_ATTEMPTS } from '@/lib/events/retry-policy';
import { createUpload, handleUploadEvents, processUpload, PROCESSING_LEASE_MS } from '@/lib/images';
import { headObject, listKeys, mediaPrefix, originalKey, writeObject } from '@/lib/storage';
import { toAwsRecord } from '../../local/bridge';
import { fixture, newUserId } from './helpers';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/*
 * Faults are injected into our own storage module, in front of the real S3 emulator: a read that
 * fails like a dropped connection, or a run that dies after writing some of its variants.
 */
const faults = vi.hoisted(() => ({ failReads: 0, writesBeforeCrash: Infinity }));
vi.mock('@/lib/storage/objects', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/storage/objects')>();
  return {
    ...real,
    readObject: async (...args: Parameters<typeof real.readObject>) => {
      if (faults.failReads > 0) {
        faults.failReads -= 1;
        throw new Error('socket hang up');
      }
      return real.readObject(...args);
    },
    writeObject: async (...args: Parameters<typeof real.writeObject>) => {
      if (faults.writesBeforeCrash <= 0) throw new Error('simulated crash midway');
      faults.writesBeforeCrash -= 1;
      return real.writeObject(...args);
    },
  };
});

beforeEach(() => {
  faults.failReads = 0;
  faults.writesBeforeCrash = Infinity;
});

/** An upload whose original is stored where the bridge does not see it, so each test delivers it itself. */
async function stage(fixtureName = 'faces/astronaut.png', contentType = 'image/png') {
  const userId = newUserId();
  const body = await fixture(fixtureName);
  const { imageId } = await createUpload(userId, { fileName: fixtureName.split('/').pop(), contentType, bytes: body.length });
  const key = originalKey(userId, imageId);
  await writeObject(UNROUTED_BUCKET, key, body, contentType);
  const { eTag } = (await headObject(UNROUTED_BUCKET, key))!;
  return { userId, imageId, object: { bucket: UNROUTED_BUCKET, key, eTag, size: body.length } };
}

/** The SQS message SQS would deliver for the object, on the given attempt. */
function sqsEvent(object: { bucket: string; key: string; eTag: string; size: number }, attempt: number): SQSEvent {
  const record = toAwsRecord({ eventName: 'ObjectCreated:Put', s3: { bucket: { name: object.bucket }, object } });
  return {
    Records: [
      {
        messageId: `m-${object.key}`,
        receiptHandle: 'r',
        body: JSON.stringify({ Records: [record] }),
        attributes: { ApproximateReceiveCount: String(attempt), SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:process-image',
        awsRegion: 'us-east-1',
      },
    ],
  };
}

async function mediaKeys(userId: string, imageId: string) {
  return (await listKeys(resources.mediaBucket, mediaPrefix(userId, imageId))).sort();
}

describe('processing is idempotent and retried', () => {
  it('gives one record and one set of variants when the event is delivered twice, even at once', async () => {
    const { userId, imageId, object } = await stage();
    const outcomes = await Promise.all([processUpload(object), processUpload(object)]);
    expect(outcomes.sort()).toEqual(['duplicate', 'ready']);
    expect(await processUpload(object)).toBe('duplicate');

    const image = (await findImage(userId, imageId))!;
    expect(image.status).toBe('ready');
    expect(await mediaKeys(userId, imageId)).toEqual(image.variants!.map((v) => v.key).sort());
  });

  it('leaves no orphans when a run fails after writing some variants and is retried', async () => {
    const { userId, imageId, object } = await stage();
    faults.writesBeforeCrash = 2;
    await expect(processUpload(object)).rejects.toThrow('simulated crash midway');
    expect(await mediaKeys(userId, imageId)).toHaveLength(2);

    faults.writesBeforeCrash = Infinity;
    expect(await processUpload(object)).toBe('ready');
    const image = (await findImage(userId, imageId))!;
    expect(await mediaKeys(userId, imageId)).toEqual(image.variants!.map((v) => v.key).sort());
  });

  it('takes over from a run that died holding the lease, once the lease has run out', async () => {
    const { userId, imageId, object } = await stage();
    const { claimImageProcessing } = await import('@/lib/db');
    const crashedAt = Date.now();
    expect(await claimImageProcessing({ userId, imageId }, { eTag: object.eTag, now: crashedAt, leaseMs: PROCESSING_LEASE_MS })).toBe(true);

    expect(await processUpload(object, crashedAt + 1000)).toBe('duplicate');
    expect(await processUpload(object, crashedAt + PROCESSING_LEASE_MS + 1)).toBe('ready');
    expect((await findImage(userId, imageId))!.status).toBe('ready');
  });

  it('retries a transient failure and then succeeds', async () => {
    const { userId, imageId, object } = await stage();
    faults.failReads = 1;
    const first = await handleUploadEvents(sqsEvent(object, 1));
    expect(first.batchItemFailures).toHaveLength(1);
    expect((await findImage(userId, imageId))!.status).toBe('processing');

    const second = await handleUploadEvents(sqsEvent(object, 2));
    expect(second.batchItemFailures).toEqual([]);
    expect((await findImage(userId, imageId))!.status).toBe('ready');
  });

  it('does not retry a bad file, and does not dead-letter it', async () => {
    const userId = newUserId();
    const body = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const { imageId } = await createUpload(userId, { fileName: 'logo.png', contentType: 'image/png', bytes: body.length });
    const key = originalKey(userId, imageId);
    await writeObject(UNROUTED_BUCKET, key, body, 'image/png');
    const { eTag } = (await headObject(UNROUTED_BUCKET, key))!;

    const response = await handleUploadEvents(sqsEvent({ bucket: UNROUTED_BUCKET, key, eTag, size: body.length }, 1));
    expect(response.batchItemFailures).toEqual([]);
    const image = (await findImage(userId, imageId))!;
    expect(image.status).toBe('failed');
    expect(image.failureReason).toBeTruthy();
    expect(await listDeadLettersByOwner(userId)).toEqual([]);
    expect(await headObject(UNROUTED_BUCKET, key)).toBeNull();
  });

  it('dead-letters after the last attempt, and a redrive processes it', async () => {
    const { userId, imageId, object } = await stage();
    faults.failReads = MAX_DELIVERY_ATTEMPTS;
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
      expect((await handleUploadEvents(sqsEvent(object, attempt))).batchItemFailures).toHaveLength(1);
    }
    expect((await handleUploadEvents(sqsEvent(object, MAX_DELIVERY_ATTEMPTS))).batchItemFailures).toEqual([]);

    const [deadLetter, ...others] = await listDeadLettersByOwner(userId);
    expect(others).toEqual([]);
    expect(deadLetter).toMatchObject({ imageId, handler: 'process-image', attempts: MAX_DELIVERY_ATTEMPTS, error: 'socket hang up' });
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'failed', failureCode: 'dead-letter' });

    // Another user's Retry cannot touch it.
    expect(await redriveOwnDeadLetter(newUserId(), deadLetter!.deadLetterId)).toBe(false);

    expect(await redriveOwnDeadLetter(userId, deadLetter!.deadLetterId)).toBe(true);
    expect(await listDeadLettersByOwner(userId)).toEqual([]);
    // The redrive announced the object again; SQS delivers that event to the handler.
    const renotified = (await headObject(UNROUTED_BUCKET, object.key))!;
    expect((await handleUploadEvents(sqsEvent({ ...object, eTag: renotified.eTag }, 1))).batchItemFailures).toEqual([]);
    expect((await findImage(userId, imageId))!.status).toBe('ready');
  });
});
