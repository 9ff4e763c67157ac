import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { findImage } from '@/lib/db';
import { createUpload } from '@/lib/images';
import { originalKey, readObject } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/** The same number of bytes as `body`, but others: what a swap of a checked original would send. */
function otherBytesOfSameLength(body: Buffer): Buffer {
  return Buffer.from(body.map((byte) => byte ^ 0xff));
}

/** Point 4: an upload URL writes its key once, so an original cannot be replaced after it was checked. */
describe('single-use upload URLs', () => {
  it('refuses a second PUT after processing as S3 does (412 PreconditionFailed), and the checked original stays', async () => {
    const userId = newUserId();
    const body = await fixture('faces/astronaut.png');
    const { imageId, upload, response } = await uploadAsBrowser(userId, body, 'astronaut.png', 'image/png');
    expect(response.status).toBe(200);
    const ready = await waitForSettled(userId, imageId);
    expect(ready.status).toBe('ready');
    const checked = await readObject(resources.uploadsBucket, originalKey(userId, imageId));

    // The URL is still within its 10 minutes: the owner tries to swap the original for other bytes of the same length.
    const swap = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(otherBytesOfSameLength(body)), headers: upload.headers });
    expect(swap.status).toBe(412);
    const error = await swap.text();
    expect(error).toContain('<Code>PreconditionFailed</Code>');
    expect(error).toContain('<Condition>If-None-Match</Condition>');

    expect((await readObject(resources.uploadsBucket, originalKey(userId, imageId)))?.eTag).toBe(checked?.eTag);
    expect(await findImage(userId, imageId)).toMatchObject({ status: 'ready', bytes: ready.bytes, variants: ready.variants });
  });

  it('stores one of two PUTs racing on one URL, and the other is refused', async () => {
    const userId = newUserId();
    const body = await fixture('faces/astronaut.png');
    const upload = await createUpload(userId, { fileName: 'astronaut.png', contentType: 'image/png', bytes: body.length });
    const statuses = await Promise.all(
      [body, otherBytesOfSameLength(body)].map(async (bytes) => (await fetch(upload.url, { method: 'PUT', body: new Uint8Array(bytes), headers: upload.headers })).status),
    );
    expect(statuses.sort()).toEqual([200, 412]);
  });

  it('is refused by S3 when the browser leaves the condition out, since the URL is signed with it', async () => {
    const userId = newUserId();
    const body = await fixture('faces/astronaut.png');
    const upload = await createUpload(userId, { fileName: 'astronaut.png', contentType: 'image/png', bytes: body.length });
    const response = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(body), headers: { 'Content-Type': 'image/png' } });
    expect(response.status).toBe(403);
  });
});
