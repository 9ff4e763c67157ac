import { describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/api-tokens';
import { claimIdempotencyKey } from '@/lib/api';
import { findIdempotencyRecord, listImagesByOwner } from '@/lib/db';
import { listLinks } from '@/lib/links';
import { POST as createShareLink } from '@/app/api/v1/links/route';
import { POST as createUpload } from '@/app/api/v1/uploads/route';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/*
 * Idempotency-Key on the API's POSTs, against the local cloud: a retry gets the first answer and makes
 * nothing new, another request under the same key is refused, and racing retries make one thing.
 */

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

async function post(handler: Handler, path: string, token: string, body: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) };
  const response = await handler(new Request(`http://localhost/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), type: response.headers.get('content-type'), text: await response.text() };
}

const uploadBody = { fileName: 'retry.jpg', contentType: 'image/jpeg', bytes: 2048 };

describe('Idempotency-Key', () => {
  it('answers a retry with the first answer, status and body, and creates nothing new', async () => {
    const userId = newUserId();
    const { token } = await createApiToken(userId, { name: 'retrier', scopes: ['images:write'] });
    const first = await post(createUpload, '/uploads', token, uploadBody, 'key-1');
    expect({ status: first.status, replayed: first.replayed }).toEqual({ status: 201, replayed: null });
    const retry = await post(createUpload, '/uploads', token, uploadBody, 'key-1');
    expect(retry).toEqual({ ...first, replayed: 'true' });
    expect((await listImagesByOwner(userId, { limit: 10 })).items).toHaveLength(1);

    // Without a key, or with another, a POST is a new request.
    expect(JSON.parse((await post(createUpload, '/uploads', token, uploadBody, 'key-2')).text).id).not.toBe(JSON.parse(first.text).id);
    await post(createUpload, '/uploads', token, uploadBody);
    expect((await listImagesByOwner(userId, { limit: 10 })).items).toHaveLength(3);
  });

  it('refuses the same key with another body, and keeps each owner’s keys apart', async () => {
    const userId = newUserId();
    const { token } = await createApiToken(userId, { name: 'retrier', scopes: ['images:write'] });
    const { token: sameOwner } = await createApiToken(userId, { name: 'second token', scopes: ['images:write'] });
    const { token: stranger } = await createApiToken(newUserId(), { name: 'stranger', scopes: ['images:write'] });
    const first = await post(createUpload, '/uploads', token, uploadBody, 'shared-key');

    const other = await post(createUpload, '/uploads', token, { ...uploadBody, fileName: 'other.jpg' }, 'shared-key');
    expect({ status: other.status, type: other.type, problem: JSON.parse(other.text).type }).toEqual({ status: 422, type: 'application/problem+json', problem: '/api/v1/problems/idempotency-key-reused' });
    // The key belongs to the owner, whichever of their tokens retries.
    expect(await post(createUpload, '/uploads', sameOwner, uploadBody, 'shared-key')).toEqual({ ...first, replayed: 'true' });
    // Another owner's key of the same name is theirs: a new upload of theirs, and nothing of the first owner's.
    const theirs = await post(createUpload, '/uploads', stranger, uploadBody, 'shared-key');
    expect({ status: theirs.status, replayed: theirs.replayed }).toEqual({ status: 201, replayed: null });
    expect(JSON.parse(theirs.text).id).not.toBe(JSON.parse(first.text).id);
    expect((await listImagesByOwner(userId, { limit: 10 })).items).toHaveLength(1);

    const bad = await post(createUpload, '/uploads', token, uploadBody, 'x'.repeat(256));
    expect({ status: bad.status, problem: JSON.parse(bad.text).errors }).toEqual({ status: 400, problem: [{ path: 'Idempotency-Key', message: expect.any(String) }] });
  });

  it('lets only one of racing retries create: the others wait for its answer or get it', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    expect((await waitForSettled(userId, imageId)).status).toBe('ready');
    const { token } = await createApiToken(userId, { name: 'racer', scopes: ['links'] });

    const answers = await Promise.all(Array.from({ length: 6 }, () => post(createShareLink, '/links', token, { imageId, expiry: '1d' }, 'race')));
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((answer) => answer.text)).size).toBe(1);
    for (const answer of answers.filter((answer) => answer.status !== 201)) expect({ status: answer.status, problem: JSON.parse(answer.text).type }).toEqual({ status: 409, problem: '/api/v1/problems/idempotency-key-in-use' });
    expect((await listLinks(userId)).items).toHaveLength(1);
    expect(await post(createShareLink, '/links', token, { imageId, expiry: '1d' }, 'race')).toEqual({ ...created[0]!, replayed: 'true' });
  });

  it('frees a key after 24 hours, after an error, and from a request that died holding it', async () => {
    const userId = newUserId();
    const request = { operationId: 'createUpload', path: '/api/v1/uploads', body: '{}' };
    const day = 24 * 60 * 60 * 1000;

    const old = await claimIdempotencyKey(userId, 'old', request, Date.now() - day - 1000);
    await old.keep!({ status: 201, body: '{"id":"first"}' });
    expect((await claimIdempotencyKey(userId, 'old', { ...request, body: '{"another":true}' })).replay).toBeNull();

    const failed = await claimIdempotencyKey(userId, 'failed', request);
    await failed.release!();
    expect(await findIdempotencyRecord(userId, 'failed')).toBeNull();
    expect((await claimIdempotencyKey(userId, 'failed', request)).replay).toBeNull();

    await claimIdempotencyKey(userId, 'died', request, Date.now() - 2 * 60 * 1000);
    expect((await claimIdempotencyKey(userId, 'died', request)).replay).toBeNull();
    await expect(claimIdempotencyKey(userId, 'died', request)).rejects.toMatchObject({ type: 'idempotency-key-in-use' });
    expect((await findIdempotencyRecord(userId, 'died'))!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 24 * 3600 - 60);
  });
});
