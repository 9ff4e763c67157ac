import { describe, expect, it, vi } from 'vitest';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens';
import { GET as listImages } from '@/app/api/v1/images/route';
import { GET as getImage } from '@/app/api/v1/images/[id]/route';
import { GET as openApi } from '@/app/api/v1/openapi.json/route';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

vi.mock('server-only', () => ({}));

/*
 * The public API's route handlers, called as Next.js calls them, against the shared local cloud:
 * a bearer token is the only identity, and every refusal is a problem document.
 */

const ORIGIN = 'http://localhost';
const call = async (handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>, path: string, token: string | null, params: Record<string, string> = {}) => {
  const response = await handler(new Request(`${ORIGIN}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve(params) });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> & { type?: string } };
};

async function userWithPhoto() {
  const userId = newUserId();
  const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
  expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  return { userId, imageId };
}

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
    // Where the files lie stays on the server: a URL, never a key.
    for (const size of sizes) expect(size).not.toHaveProperty('key');
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
    expect(Object.fromEntries(Object.entries(document.paths).map(([path, methods]) => [path, Object.keys(methods)]))).toEqual({ '/images': ['get'], '/images/{id}': ['get'] });
    expect(document.paths['/images/{id}']!.get!.security).toEqual([{ token: ['images:read'] }]);
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Image', 'ImageSize', 'ImagePage', 'Problem']));
  });
});
