import { describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens';
import { listImagesByOwner } from '@/lib/db';
import { resolveLink } from '@/lib/links';
import { GET as listImages } from '@/app/api/v1/images/route';
import { GET as getAnalysis, POST as requestAnalysis } from '@/app/api/v1/images/[id]/analysis/route';
import { GET as getImageFile } from '@/app/api/v1/images/[id]/file/route';
import { DELETE as deleteImage, GET as getImage } from '@/app/api/v1/images/[id]/route';
import { DELETE as revokeShareLink } from '@/app/api/v1/links/[code]/route';
import { GET as listShareLinks, POST as createShareLink } from '@/app/api/v1/links/route';
import { POST as createUpload } from '@/app/api/v1/uploads/route';
import { GET as openApi } from '@/app/api/v1/openapi.json/route';
import { fixture, newUserId, uploadAsBrowser, waitFor, waitForSettled } from './helpers';

/*
 * The public API's route handlers, called as Next.js calls them, against the shared local cloud:
 * a bearer token is the only identity, and every refusal is a problem document.
 */

const ORIGIN = 'http://localhost';
type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

const call = async (handler: Handler, path: string, token: string | null, params: Record<string, string> = {}, init: { method?: string; body?: unknown } = {}) => {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const request = new Request(`${ORIGIN}/api/v1${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body) });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { type?: string } };
};

async function userWithPhoto() {
  const userId = newUserId();
  const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
  expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  return { userId, imageId };
}

describe('/api/v1 analysis', () => {
  it('runs the LinkedIn check on a ready image and answers its score, checklist and crops; refuses another owner’s image', async () => {
    const { userId, imageId } = await userWithPhoto();
    const { token } = await createApiToken(userId, { name: 'checker', scopes: ['analysis'] });
    const { token: stranger } = await createApiToken(newUserId(), { name: 'stranger', scopes: ['analysis'] });

    expect((await call(getAnalysis, `/images/${imageId}/analysis`, token, { id: imageId })).status).toBe(404);
    const asked = await call(requestAnalysis, `/images/${imageId}/analysis`, token, { id: imageId }, { method: 'POST' });
    expect(asked).toMatchObject({ status: 202, body: { status: expect.stringMatching(/^(pending|running|ready)$/) } });
    const done = await waitFor('the analysis', () => call(getAnalysis, `/images/${imageId}/analysis`, token, { id: imageId }), (answer) => answer.body.status === 'ready');
    expect(done.body).toMatchObject({ report: { score: expect.any(Number), checks: expect.any(Array) }, crop: { status: 'ok', files: expect.any(Array) } });

    expect((await call(getAnalysis, `/images/${imageId}/analysis`, stranger, { id: imageId })).status).toBe(404);
    expect((await call(requestAnalysis, `/images/${imageId}/analysis`, stranger, { id: imageId }, { method: 'POST' })).status).toBe(404);
  });
});

describe('/api/v1 links', () => {
  it('shares an image, lists the link, and revokes it so its page stops at once; another owner’s image and link are out of reach', async () => {
    const { userId, imageId } = await userWithPhoto();
    const { token } = await createApiToken(userId, { name: 'sharer', scopes: ['links'] });
    const { token: stranger } = await createApiToken(newUserId(), { name: 'stranger', scopes: ['links'] });

    const made = await call(createShareLink, '/links', token, {}, { method: 'POST', body: { imageId, expiry: '1d' } });
    expect(made).toMatchObject({ status: 201, body: { imageId, state: 'active', expiry: '1d', watermarked: expect.any(Boolean), validUntil: expect.any(String) } });
    const { code, path } = made.body as { code: string; path: string };
    expect(path).toBe(`/s/${code}`);
    expect((await resolveLink(code)).state).toBe('active');
    expect((await call(listShareLinks, '/links', token)).body).toMatchObject({ items: [{ code, state: 'active' }], nextCursor: null });

    expect((await call(createShareLink, '/links', stranger, {}, { method: 'POST', body: { imageId } })).status).toBe(400);
    expect((await call(revokeShareLink, `/links/${code}`, stranger, { code }, { method: 'DELETE' })).status).toBe(404);
    expect((await call(listShareLinks, '/links', stranger)).body).toEqual({ items: [], nextCursor: null });

    expect((await call(revokeShareLink, `/links/${code}`, token, { code }, { method: 'DELETE' })).status).toBe(204);
    expect((await resolveLink(code)).state).toBe('not-found');
    expect((await call(revokeShareLink, `/links/${code}`, token, { code }, { method: 'DELETE' })).status).toBe(404);
    expect((await call(listShareLinks, '/links', token)).body).toMatchObject({ items: [{ code, state: 'revoked' }] });
  });
});

describe('/api/v1 images', () => {
  it('lists the owner’s images and shows one with every size at a URL that serves it', async () => {
    const { userId, imageId } = await userWithPhoto();
    const { token } = await createApiToken(userId, { name: 'reader', scopes: ['images:read'] });

    const list = await call(listImages, '/images?limit=10', token);
    expect(list).toMatchObject({ status: 200, body: { items: [{ id: imageId, fileName: 'astronaut.png', status: 'ready', thumbnailUrl: expect.any(String) }], nextCursor: null } });

    const one = await call(getImage, `/images/${imageId}`, token, { id: imageId });
    expect(one.status).toBe(200);
    const sizes = one.body.sizes as { name: string; format: string; url: string; bytes: number }[];
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    const fetched = await fetch(sizes[0]!.url);
    expect(fetched.status).toBe(200);
    expect((await fetched.arrayBuffer()).byteLength).toBe(sizes[0]!.bytes);
    // One size by name and format: a redirect to the same short-lived URL, or a 404 for a size it does not have.
    const redirect = await getImageFile(new Request(`${ORIGIN}/api/v1/images/${imageId}/file?size=w640&format=jpeg`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id: imageId }) });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(sizes.find((size) => size.name === 'w640' && size.format === 'jpeg')!.url);
    expect((await call(getImageFile, `/images/${imageId}/file?size=w4096`, token, { id: imageId })).body.type).toBe('/api/v1/problems/not-found');
    expect((await call(getImageFile, `/images/${imageId}/file?size=huge`, token, { id: imageId })).body.errors).toEqual([{ path: 'size', message: expect.any(String) }]);
    // Where the files lie stays on the server: a URL, never a key.
    for (const size of sizes) expect(size).not.toHaveProperty('key');
  });

  it('uploads through a presigned PUT, follows the photo to ready, and deletes it', async () => {
    const userId = newUserId();
    const { token } = await createApiToken(userId, { name: 'uploader', scopes: ['images:read', 'images:write'] });
    const body = await fixture('faces/astronaut.png');

    const made = await call(createUpload, '/uploads', token, {}, { method: 'POST', body: { fileName: 'api.png', contentType: 'image/png', bytes: body.length } });
    expect(made).toMatchObject({ status: 201, body: { id: expect.any(String), upload: { method: 'PUT', url: expect.any(String), headers: expect.any(Object) } } });
    const { id, upload } = made.body as { id: string; upload: { url: string; headers: Record<string, string> } };
    expect((await fetch(upload.url, { method: 'PUT', body: new Uint8Array(body), headers: upload.headers })).status).toBe(200);
    expect((await waitForSettled(userId, id)).status).toBe('ready');
    expect((await call(getImage, `/images/${id}`, token, { id })).body).toMatchObject({ id, status: 'ready', fileName: 'api.png' });

    expect((await call(deleteImage, `/images/${id}`, token, { id }, { method: 'DELETE' })).status).toBe(204);
    expect((await call(getImage, `/images/${id}`, token, { id })).status).toBe(404);
    expect((await call(deleteImage, `/images/${id}`, token, { id }, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses an upload it would refuse in the browser, and a read-only token’s writes', async () => {
    const userId = newUserId();
    const { token } = await createApiToken(userId, { name: 'uploader', scopes: ['images:write'] });
    const { token: reader } = await createApiToken(userId, { name: 'reader', scopes: ['images:read'] });
    const post = (as: string, body: unknown) => call(createUpload, '/uploads', as, {}, { method: 'POST', body });
    expect(await post(token, { fileName: 'notes.txt', contentType: 'text/plain', bytes: 10 })).toMatchObject({ status: 400, body: { type: '/api/v1/problems/invalid-request', errors: [{ path: 'contentType' }] } });
    expect(await post(token, { fileName: 'huge.jpg', contentType: 'image/jpeg', bytes: 10 ** 10 })).toMatchObject({ status: 400, body: { errors: [{ path: 'bytes' }] } });
    expect(await post(token, 'not json')).toMatchObject({ status: 400, body: { detail: 'The body must be JSON.' } });
    expect(await post(reader, { fileName: 'a.jpg', contentType: 'image/jpeg', bytes: 10 })).toMatchObject({ status: 403, body: { type: '/api/v1/problems/insufficient-scope' } });
    expect((await listImagesByOwner(userId, { limit: 10 })).items).toEqual([]);
  });

  it('refuses, with a problem document and nothing else, no token, a revoked one, a wrong scope, another user’s photo and bad input', async () => {
    const { userId, imageId } = await userWithPhoto();
    const { token: stranger } = await createApiToken(newUserId(), { name: 'stranger', scopes: ['images:read'] });
    const { token: linksOnly } = await createApiToken(userId, { name: 'links only', scopes: ['links'] });
    const { token: revoked, apiToken } = await createApiToken(userId, { name: 'revoked', scopes: ['images:read'] });
    await revokeApiToken(userId, { tokenId: apiToken.tokenId });

    const cases = [
      [await call(getImage, `/images/${imageId}`, null, { id: imageId }), 401, 'missing-token'],
      [await call(getImage, `/images/${imageId}`, revoked, { id: imageId }), 401, 'invalid-token'],
      [await call(getImage, `/images/${imageId}`, linksOnly, { id: imageId }), 403, 'insufficient-scope'],
      [await call(getImage, `/images/${imageId}`, stranger, { id: imageId }), 404, 'not-found'],
      [await call(getImage, '/images/..%2F..', stranger, { id: '../..' }), 404, 'not-found'],
      [await call(listImages, '/images?limit=1000', stranger), 400, 'invalid-request'],
    ] as const;
    for (const [answer, status, type] of cases) {
      expect({ status: answer.status, contentType: answer.type, type: answer.body.type }).toEqual({ status, contentType: 'application/problem+json', type: `/api/v1/problems/${type}` });
      expect(answer.body.detail).toMatch(/\w.*\./);
      expect(JSON.stringify(answer.body)).not.toContain(imageId);
    }
    expect((await call(listImages, '/images?limit=1000', stranger)).body.errors).toEqual([{ path: 'limit', message: expect.any(String) }]);
  });

  it('publishes an OpenAPI 3.1 document of exactly the operations it serves', async () => {
    const response = await openApi();
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; security: unknown }>>; components: { schemas: Record<string, unknown> } };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.fromEntries(Object.entries(document.paths).map(([path, methods]) => [path, Object.keys(methods)]))).toEqual({ '/images': ['get'], '/images/{id}': ['get', 'delete'], '/images/{id}/file': ['get'], '/uploads': ['post'], '/links': ['post', 'get'], '/links/{code}': ['delete'], '/images/{id}/analysis': ['post', 'get'], '/people': ['get'], '/people/search': ['post'], '/webhooks': ['post', 'get'], '/webhooks/{id}': ['delete'] });
    expect(document.paths['/images/{id}']!.get!.security).toEqual([{ token: ['images:read'] }]);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Image', 'ImageSize', 'ImagePage', 'Problem']));
  });
});
