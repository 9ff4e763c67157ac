import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { claimJob, completeImageProcessing, findAnalysis, findImage, findJob, listDeadLettersByOwner, recordThumbnail, resetAnalysis } from '@/lib/db';
import { analyzeProfileJob } from '@/lib/profile-check/analyze-profile-job';
import { processAnalysisInput } from '@/lib/profile-check/process-analysis-input';
import { createUpload, deleteImage, listImages, processImageJob, processUpload } from '@/lib/images';
import { expectJob, handleJobMessages, jobTiming, listDeadLetters, MAX_DELIVERY_ATTEMPTS, redriveOwnDeadLetter, runJob, storeDeadLetters } from '@/lib/jobs';
import { analysisInputKey, faceIndexInputKey, headObject, listKeys, mediaPrefix, originalKey, readObject, writeObject } from '@/lib/storage';
import { fixture, newUserId } from './helpers';
import { sqsEvent } from './sqs-event';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/*
 * The process-image job through the real emulators. Faults are injected into our own storage module,
 * in front of the real S3 emulator: a read that fails like a dropped connection, or a write that
 * dies (or has its image deleted under it) midway.
 */
const faults = vi.hoisted(() => ({
  failReads: 0,
  writesBeforeCrash: Infinity,
  onWrite: null as null | (() => Promise<void>),
  /** Runs before every write, with its key. */
  beforeEachWrite: null as null | ((key: string) => Promise<void>),
  /** Copies that die, like a run killed before the copy's request went out. */
  failCopies: 0,
}));
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
      const hook = faults.onWrite;
      faults.onWrite = null;
      await hook?.();
      await faults.beforeEachWrite?.(args[1]);
      return real.writeObject(...args);
    },
    copyObject: async (...args: Parameters<typeof real.copyObject>) => {
      if (faults.failCopies > 0) {
        faults.failCopies -= 1;
        throw new Error('simulated crash before the copy');
      }
      return real.copyObject(...args);
    },
  };
});

beforeEach(() => {
  faults.failReads = 0;
  faults.writesBeforeCrash = Infinity;
  faults.onWrite = null;
  faults.beforeEachWrite = null;
  faults.failCopies = 0;
});

/** An upload whose original is stored where the bridge does not see it, so each test delivers it itself. */
async function stage(fixtureName = 'faces/astronaut.png', contentType = 'image/png', userId = newUserId()) {
  const body = await fixture(fixtureName);
  const { imageId } = await createUpload(userId, { fileName: fixtureName.split('/').pop(), contentType, bytes: body.length });
  const key = originalKey(userId, imageId);
  await writeObject(UNROUTED_BUCKET, key, body, contentType);
  const { eTag } = (await headObject(UNROUTED_BUCKET, key))!;
  return { userId, imageId, object: { bucket: UNROUTED_BUCKET, key, eTag, size: body.length } };
}

const process = (object: Parameters<typeof runJob>[2]) => runJob(processImageJob, processUpload, object);

async function mediaKeys(userId: string, imageId: string) {
  return (await listKeys(resources.mediaBucket, mediaPrefix(userId, imageId))).sort();
}

/** Every object of an image in the app's two buckets. */
async function everythingOf(imageId: string) {
  const keys = await Promise.all([resources.uploadsBucket, resources.mediaBucket].map((bucket) => listKeys(bucket, '')));
  return keys.flat().filter((key) => key.includes(imageId));
}

describe('processing an upload', () => {
  it('gives one record and one set of variants when the event is delivered twice', async () => {
    const { userId, imageId, object } = await stage();
    expect(await process(object)).toBe('done');
    expect(await process(object)).toBe('duplicate');
    const image = (await findImage(userId, imageId))!;
    expect(image.status).toBe('ready');
    expect(await mediaKeys(userId, imageId)).toEqual(image.variants!.map((v) => v.key).sort());
  });

  it('leaves a photo ready when the run that finished it died before its job was marked done: the redo neither reopens nor re-encodes it', async () => {
    const { userId, imageId, object } = await stage();
    // The first run claims the job and finishes the photo, then dies before the job's ledger hears of it.
    const now = Date.now();
    const { leaseMs } = jobTiming();
    expect(await claimJob({ userId, kind: processImageJob.name, subjectId: imageId }, { eTag: object.eTag, now, leaseUntil: now + leaseMs, dueAt: now + 2 * leaseMs })).toBe('claimed');
    const { body } = (await readObject(object.bucket, object.key))!;
    expect(await processUpload({ subject: { userId, subjectId: imageId }, object, body, now })).toEqual({ status: 'done' });
    const finished = (await findImage(userId, imageId))!;
    expect(finished.status).toBe('ready');

    // The next delivery, once the lease has run out.
    const written: string[] = [];
    faults.beforeEachWrite = async (key) => void written.push(key);
    expect(await runJob(processImageJob, processUpload, object, { clock: () => now + leaseMs + 1 })).toBe('done');
    expect(written).toEqual([]);
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'ready', variants: finished.variants });
  });

  it('asks for face indexing again when the run that finished a photo died between queuing the indexing and copying its input', async () => {
    const { userId, imageId, object } = await stage();
    faults.failCopies = 1;
    await expect(process(object)).rejects.toThrow('simulated crash before the copy');
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'ready', faceIndex: { status: 'queued' } });
    const input = faceIndexInputKey(userId, imageId);
    expect(await headObject(resources.mediaBucket, input)).toBeNull();

    // The retry finds the photo ready and the indexing queued with nothing to start it: it copies the input, whose event starts the indexing.
    expect(await process(object)).toBe('done');
    expect(await headObject(resources.mediaBucket, input)).not.toBeNull();
    expect(await findJob({ userId, kind: 'index-faces', subjectId: imageId })).not.toBeNull();
  });

  it('leaves no orphans when a run dies after writing some variants and is retried', async () => {
    const { userId, imageId, object } = await stage();
    faults.writesBeforeCrash = 2;
    await expect(process(object)).rejects.toThrow('simulated crash midway');
    expect(await mediaKeys(userId, imageId)).toHaveLength(2);

    faults.writesBeforeCrash = Infinity;
    expect(await process(object)).toBe('done');
    const image = (await findImage(userId, imageId))!;
    expect(await mediaKeys(userId, imageId)).toEqual(image.variants!.map((v) => v.key).sort());
  });

  it('ends a bad file failed with its reason and its original removed: a final answer, never retried or dead-lettered', async () => {
    const userId = newUserId();
    const body = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const { imageId } = await createUpload(userId, { fileName: 'logo.png', contentType: 'image/png', bytes: body.length });
    const key = originalKey(userId, imageId);
    await writeObject(UNROUTED_BUCKET, key, body, 'image/png');
    const { eTag } = (await headObject(UNROUTED_BUCKET, key))!;

    expect((await handleJobMessages(processImageJob, processUpload, sqsEvent({ bucket: UNROUTED_BUCKET, key, eTag, size: body.length }, 1))).batchItemFailures).toEqual([]);
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/SVG/) });
    expect(await listDeadLettersByOwner(userId)).toEqual([]);
    expect(await headObject(UNROUTED_BUCKET, key)).toBeNull();
    expect(await findJob({ userId, kind: 'process-image', subjectId: imageId })).toMatchObject({ state: 'failed' });
  });

  it('keeps a ready photo’s variants when a bad file is uploaded again over its original', async () => {
    const { userId, imageId, object } = await stage();
    expect(await process(object)).toBe('done');
    const before = await mediaKeys(userId, imageId);

    await writeObject(UNROUTED_BUCKET, object.key, Buffer.from('not an image at all'), 'image/png');
    const overwritten = { ...object, eTag: (await headObject(UNROUTED_BUCKET, object.key))!.eTag, size: 19 };
    expect(await process(overwritten)).toBe('duplicate');
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'ready' });
    expect(await mediaKeys(userId, imageId)).toEqual(before);
  });
});

describe('the thumbnail first', () => {
  it('puts the thumbnail on the record, still processing, while the largest size is not yet written', async () => {
    const { userId, imageId, object } = await stage('bench/photo-13mp.jpg', 'image/jpeg');
    const seen: string[] = [];
    faults.beforeEachWrite = async (key) => {
      if (!key.endsWith('/w2048.webp')) return;
      // Holds the largest file back until the grid can show the picture: a pipeline that recorded the thumbnail
      // only after every write would never get there.
      for (let waited = 0; waited < 5000; waited += 20) {
        const [card] = (await listImages(userId)).items;
        if (card?.thumbnailUrl) {
          seen.push(`${card.status} ${card.placeholder}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      seen.push('no thumbnail after 5 s');
    };
    expect(await process(object)).toBe('done');
    const image = (await findImage(userId, imageId))!;
    expect(seen).toEqual([`processing ${image.placeholder}`]);
    expect(image.status).toBe('ready');
    expect(image.blurDataUrl).toMatch(/^data:image\/webp;base64,/);
    expect(image.variants!.map((v) => v.name)).toEqual(expect.arrayContaining(['w256', 'w640', 'w1280', 'w2048']));
  });

  it('shows a thumbnail only for a photo still processing, and drops it when processing fails', async () => {
    const { userId, imageId, object } = await stage();
    const thumbnail = { variants: [{ name: 'w256', key: 'k', format: 'webp' as const, width: 1, height: 1, bytes: 1 }], placeholder: '#000000', blurDataUrl: 'data:image/webp;base64,' };
    // Before the run starts, the upload is not processing yet.
    expect(await recordThumbnail({ userId, imageId }, thumbnail)).toBe(false);
    expect(await process(object)).toBe('done');
    const ready = (await findImage(userId, imageId))!;
    expect(await recordThumbnail({ userId, imageId }, thumbnail)).toBe(false);
    expect((await findImage(userId, imageId))!.variants).toEqual(ready.variants);

    const other = await stage();
    await processImageJob.setStatus.running({ userId: other.userId, subjectId: other.imageId });
    expect(await recordThumbnail({ userId: other.userId, imageId: other.imageId }, thumbnail)).toBe(true);
    await completeImageProcessing({ userId: other.userId, imageId: other.imageId }, { status: 'failed', failureReason: 'Broken.', failureCode: 'corrupt' });
    const failed = (await findImage(other.userId, other.imageId))!;
    expect([failed.status, failed.variants, failed.placeholder, failed.blurDataUrl]).toEqual(['failed', undefined, undefined, undefined]);
  });
});

describe('the dead-letter path', () => {
  it('gives up after the last attempt through the dead-letter queue, shows a sentence and Retry, and Retry makes the photo ready', async () => {
    const { userId, imageId, object } = await stage();
    faults.failReads = MAX_DELIVERY_ATTEMPTS;
    for (let receive = 1; receive <= MAX_DELIVERY_ATTEMPTS; receive++) {
      // The handler never gives up by itself: even the last attempt is handed back to the queue.
      expect((await handleJobMessages(processImageJob, processUpload, sqsEvent(object, receive))).batchItemFailures).toHaveLength(1);
    }
    expect(await listDeadLettersByOwner(userId)).toEqual([]);

    // SQS moves the message to the dead-letter queue, which the store-dead-letter function drains.
    const stored = { ...object, bucket: resources.uploadsBucket };
    expect((await storeDeadLetters(sqsEvent(stored, 1))).batchItemFailures).toEqual([]);
    // Where Retry finds the original (the bridge announces it, and the dead job ignores the announcement).
    await writeObject(resources.uploadsBucket, object.key, await fixture('faces/astronaut.png'), 'image/png');

    const [letter, ...others] = await listDeadLetters(userId);
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ label: 'Processing a photo', reason: expect.stringMatching(/press Retry/) });
    expect(JSON.stringify(letter)).not.toMatch(/socket hang up|headshot-|uploads\//);
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'failed', failureCode: 'dead-letter', failureReason: letter!.reason });

    // Another user's Retry cannot touch it.
    expect(await redriveOwnDeadLetter(newUserId(), letter!.deadLetterId)).toBeNull();

    // Retry queues the job and announces the original again, through the same S3 → SQS → Lambda path as an upload.
    expect(await redriveOwnDeadLetter(userId, letter!.deadLetterId)).toBe('requeued');
    expect(await listDeadLettersByOwner(userId)).toEqual([]);
    const ready = await waitFor(() => findImage(userId, imageId), (image) => image?.status === 'ready');
    expect(ready?.variants?.length).toBeGreaterThan(0);
  });

  it('tells the owner to upload again when Retry finds the original gone', async () => {
    const { userId, imageId, object } = await stage();
    const stored = { ...object, bucket: resources.uploadsBucket };
    expect((await storeDeadLetters(sqsEvent(stored, 1))).batchItemFailures).toEqual([]);
    const [letter] = await listDeadLetters(userId);
    expect(await redriveOwnDeadLetter(userId, letter!.deadLetterId)).toBe('never-arrived');
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'failed', failureCode: 'never-arrived', failureReason: 'The upload did not arrive. Please upload it again.' });
  });
});

describe('deletion never orphans', () => {
  it('leaves nothing of a photo deleted while it is being processed', async () => {
    const { userId, imageId, object } = await stage();
    faults.onWrite = async () => {
      expect(await deleteImage(userId, imageId)).toBe(true);
    };
    expect(await process(object)).toBe('gone');
    expect(await findImage(userId, imageId)).toBeNull();
    expect(await everythingOf(imageId)).toEqual([]);
    expect(await findJob({ userId, kind: 'process-image', subjectId: imageId })).toBeNull();
  });

  it('leaves nothing of a photo deleted while it is being analysed', async () => {
    const { userId, imageId, object } = await stage();
    expect(await process(object)).toBe('done');
    const image = (await findImage(userId, imageId))!;
    const source = image.variants!.find((v) => v.format === 'jpeg' && !v.watermarked && v.width <= 1600)!;
    // The analysis input, put where the bridge does not see it, so this test runs the analysis itself.
    const input = analysisInputKey(userId, imageId);
    await resetAnalysis({ userId, imageId });
    await expectJob(analyzeProfileJob, { userId, subjectId: imageId }, input);
    await writeObject(UNROUTED_BUCKET, input, (await readObject(resources.mediaBucket, source.key))!.body, 'image/jpeg');
    const inputObject = { bucket: UNROUTED_BUCKET, key: input, eTag: (await headObject(UNROUTED_BUCKET, input))!.eTag, size: 0 };

    faults.onWrite = async () => {
      expect(await deleteImage(userId, imageId)).toBe(true);
    };
    expect(await runJob(analyzeProfileJob, processAnalysisInput, inputObject)).toBe('gone');
    expect(await findAnalysis({ userId, imageId })).toBeNull();
    expect(await everythingOf(imageId)).toEqual([]);
  });
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(value)?.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
