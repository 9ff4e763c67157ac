import { CloudFrontClient, CreateInvalidationCommand, GetInvalidationCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startCloudFrontStub, type CloudFrontStub } from './cloudfront-stub';

/* CloudFront's stand-in, through the SDK's own client and parsing, as invalidate-cdn reaches it. */

let stub: CloudFrontStub;
let client: CloudFrontClient;

beforeAll(async () => {
  stub = await startCloudFrontStub({ distributionId: 'ESTUBTEST00001' });
  client = new CloudFrontClient({ endpoint: stub.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
});

afterAll(async () => {
  client.destroy();
  await stub.stop();
});

const create = (callerReference: string, paths: string[], distributionId = 'ESTUBTEST00001') =>
  client.send(new CreateInvalidationCommand({ DistributionId: distributionId, InvalidationBatch: { CallerReference: callerReference, Paths: { Quantity: paths.length, Items: paths } } }));

test('creates an invalidation as CloudFront answers it, and reads it back', async () => {
  const created = await create('ref-1', ['/s/a/photo.webp', '/s/a/card.jpg']);
  expect(created.$metadata.httpStatusCode).toBe(201);
  expect(created.Location).toBe(`https://cloudfront.amazonaws.com/2020-05-31/distribution/ESTUBTEST00001/invalidation/${created.Invalidation!.Id}`);
  expect(created.Invalidation).toMatchObject({ Id: expect.stringMatching(/^I[A-Z0-9]{13}$/), Status: 'InProgress', CreateTime: expect.any(Date) });
  expect(created.Invalidation!.InvalidationBatch).toEqual({ CallerReference: 'ref-1', Paths: { Quantity: 2, Items: ['/s/a/photo.webp', '/s/a/card.jpg'] } });

  const read = await client.send(new GetInvalidationCommand({ DistributionId: 'ESTUBTEST00001', Id: created.Invalidation!.Id }));
  expect(read.Invalidation).toMatchObject({ Id: created.Invalidation!.Id, Status: 'Completed', InvalidationBatch: created.Invalidation!.InvalidationBatch });
  expect(stub.invalidations().at(-1)).toMatchObject({ callerReference: 'ref-1', paths: ['/s/a/photo.webp', '/s/a/card.jpg'] });
});

test('the same CallerReference: the same paths get the first invalidation back, other paths are refused', async () => {
  const first = await create('ref-2', ['/s/b/photo.jpg']);
  const again = await create('ref-2', ['/s/b/photo.jpg']);
  expect(again.Invalidation!.Id).toBe(first.Invalidation!.Id);
  await expect(create('ref-2', ['/s/c/photo.jpg'])).rejects.toMatchObject({ name: 'InvalidationBatchAlreadyExists', $metadata: { httpStatusCode: 409 } });
});

test('refuses a distribution that is not its own, paths not from the root, and calls while told to', async () => {
  await expect(create('ref-3', ['/s/d/photo.jpg'], 'EOTHER0000000')).rejects.toMatchObject({ name: 'NoSuchDistribution', $metadata: { httpStatusCode: 404 } });
  await expect(create('ref-4', ['s/d/photo.jpg'])).rejects.toMatchObject({ name: 'InvalidArgument' });
  const calls = stub.createCalls();
  stub.refuse(1);
  await expect(create('ref-5', ['/s/e/photo.jpg'])).rejects.toMatchObject({ name: 'TooManyInvalidationsInProgress', $metadata: { httpStatusCode: 400 } });
  await expect(create('ref-5', ['/s/e/photo.jpg'])).resolves.toMatchObject({ Invalidation: { Status: 'InProgress' } });
  expect(stub.createCalls() - calls).toBe(2);
});

test('lists invalidations newest first, a page at a time', async () => {
  for (const n of [1, 2, 3]) await create(`page-${n}`, [`/s/page${n}/card.jpg`]);
  const ids = stub.invalidations().map((invalidation) => invalidation.id).reverse();
  const first = await client.send(new ListInvalidationsCommand({ DistributionId: 'ESTUBTEST00001', MaxItems: 2 }));
  expect(first.InvalidationList).toMatchObject({ IsTruncated: true, Quantity: 2, MaxItems: 2, NextMarker: ids[1] });
  expect(first.InvalidationList!.Items!.map((item) => item.Id)).toEqual(ids.slice(0, 2));
  const second = await client.send(new ListInvalidationsCommand({ DistributionId: 'ESTUBTEST00001', MaxItems: 100, Marker: first.InvalidationList!.NextMarker }));
  expect(second.InvalidationList!.Items!.map((item) => item.Id)).toEqual(ids.slice(2));
  expect(second.InvalidationList!.IsTruncated).toBe(false);
});
