import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { handler as indexFaces } from '@/functions/index-faces';
import { handler as processImage } from '@/functions/process-image';
import { resources } from '@/lib/aws/resources';
import { findImage } from '@/lib/db';
import { faceIndexInputKey, listKeys, readObject, WEBHOOK_REQUEST_PREFIX } from '@/lib/storage';
import { createWebhookEndpoint } from '@/lib/webhooks';
import { fixture, newUserId, uploadAsBrowser } from './helpers';
import { sqsEvent } from './sqs-event';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/*
 * One upload followed as one X-Ray trace, through the emulators: the site's request signs its trace
 * into the upload URL, S3 keeps it on the original, process-image runs as a segment of that trace and
 * hands its own segment on to the face indexing (and the image.ready delivery) it queues, and the
 * face indexing runs as the next segment.
 *
 * This file plays Lambda for the site and both functions, with tracing on as on Lambda, and stands in
 * for the X-Ray daemon, a UDP socket that receives what the SDK sends. Both buckets are ones the bridge
 * does not watch, so only this file runs the jobs, and the bridge's functions (in another process)
 * stay untraced, as the local cloud always is.
 */
const previousEnv = vi.hoisted(() => {
  // UNROUTED_BUCKET; imports are not there yet when this runs.
  const unrouted = JSON.stringify({ name: 'headshot-test-unrouted', type: 'sst.aws.Bucket' });
  const env = {
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    // Outside Lambda there is no invocation segment for the calls a run makes before it knows its trace.
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    SST_RESOURCE_Uploads: unrouted,
    SST_RESOURCE_Media: unrouted,
  };
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  return previous;
});

interface SegmentDocument {
  id: string;
  name: string;
  trace_id: string;
  parent_id?: string;
  type?: 'subsegment';
  annotations?: Record<string, unknown>;
  subsegments?: SegmentDocument[];
}

const daemon = dgram.createSocket('udp4');
const received: SegmentDocument[] = [];

beforeAll(async () => {
  daemon.on('message', (message) => {
    // Each datagram is the SDK's header line, then one segment or subsegment document.
    const [, document] = message.toString('utf8').split('\n');
    received.push(JSON.parse(document!) as SegmentDocument);
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${(daemon.address() as AddressInfo).port}`;
});

afterAll(() => {
  daemon.close();
  for (const [name, value] of Object.entries({ ...previousEnv, _X_AMZN_TRACE_ID: undefined, AWS_XRAY_DAEMON_ADDRESS: undefined })) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const SITE_ROOT = '1-6751a2b3-0123456789abcdef01234567';
const SITE_PARENT = '53995c3f42cd8ad8';

/** What Lambda sets for each invocation: the site's request, then each job function's own (SQS starts a new trace for it). */
function invocation(header: string): void {
  process.env._X_AMZN_TRACE_ID = header;
}

function everySegment(documents: SegmentDocument[]): SegmentDocument[] {
  return documents.flatMap((document) => [document, ...everySegment(document.subsegments ?? [])]);
}

async function segmentNamed(name: string): Promise<SegmentDocument> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const segment = received.find((document) => document.type !== 'subsegment' && document.name === name);
    if (segment) return segment;
    if (Date.now() > deadline) throw new Error(`No ${name} segment reached the daemon; received ${received.map((document) => document.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('an upload is one trace: the presign, process-image, and the index-faces run and webhook delivery it queues', async () => {
  expect(resources.uploadsBucket).toBe(UNROUTED_BUCKET);
  const userId = newUserId();
  const photo = await fixture('portraits/grace-hopper.jpg');
  // A webhook endpoint, so that processing also queues a delivery (never made: nothing runs it here).
  await createWebhookEndpoint(userId, { url: 'http://127.0.0.1:9/hook', events: ['image.ready'] });

  invocation(`Root=${SITE_ROOT};Parent=${SITE_PARENT};Sampled=1;Lineage=a87bd80c:0`);
  const { imageId, response } = await uploadAsBrowser(userId, photo, 'grace-hopper.jpg', 'image/jpeg');
  expect(response.status).toBe(200);
  // The URL carried the trace: the browser sent only the headers it was given.
  const image = (await findImage(userId, imageId))!;
  const original = (await readObject(resources.uploadsBucket, image.originalKey))!;
  expect(original.metadata.trace).toBe(`Root=${SITE_ROOT};Parent=${SITE_PARENT};Sampled=1`);

  invocation('Root=1-6751a2b4-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=1111111111111111;Sampled=1');
  const uploaded = { bucket: resources.uploadsBucket, key: image.originalKey, eTag: original.eTag, size: photo.length };
  expect(await processImage(sqsEvent(uploaded, 1))).toEqual({ batchItemFailures: [] });
  const processing = await segmentNamed('process-image');
  expect(processing).toMatchObject({ trace_id: SITE_ROOT, parent_id: SITE_PARENT, annotations: { job_kind: 'process-image', subject: imageId } });

  // The jobs it queued, the face index and the image.ready delivery, carry the upload's trace, with process-image's segment as their parent.
  const inputKey = faceIndexInputKey(userId, imageId);
  const input = (await readObject(resources.mediaBucket, inputKey))!;
  expect(input.metadata.trace).toBe(`Root=${SITE_ROOT};Parent=${processing.id};Sampled=1`);
  const [delivery, ...others] = await listKeys(resources.mediaBucket, `${WEBHOOK_REQUEST_PREFIX}${userId}/`);
  expect(others).toEqual([]);
  expect((await readObject(resources.mediaBucket, delivery!))!.metadata.trace).toBe(`Root=${SITE_ROOT};Parent=${processing.id};Sampled=1`);

  invocation('Root=1-6751a2b5-bbbbbbbbbbbbbbbbbbbbbbbb;Parent=2222222222222222;Sampled=1');
  const queued = { bucket: resources.mediaBucket, key: inputKey, eTag: input.eTag, size: input.body.length };
  expect(await indexFaces(sqsEvent(queued, 1))).toEqual({ batchItemFailures: [] });
  const indexing = await segmentNamed('index-faces');
  expect(indexing).toMatchObject({ trace_id: SITE_ROOT, parent_id: processing.id, annotations: { job_kind: 'index-faces', subject: imageId } });
  expect((await findImage(userId, imageId))!.faceIndex?.status).toBe('done');

  // The work's AWS calls are in the upload's trace; its owner is named in no annotation.
  const names = new Set(everySegment(received.filter((document) => document.trace_id === SITE_ROOT)).map((document) => document.name));
  expect([...names]).toEqual(expect.arrayContaining(['process-image', 'index-faces', 'S3', 'DynamoDB']));
  expect(everySegment(received).flatMap((document) => Object.values(document.annotations ?? {}))).not.toContain(userId);
});
