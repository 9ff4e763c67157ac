import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens';
import { listImagesByOwner } from '@/lib/db';
import { resolveLink } from '@/lib/links';
import { GET as openApi } from '@/app/api/v1/openapi.json/route';
import { API_TYPES_FILE, apiTypesOf } from '@/scripts/api-types';
import { apiClient } from './api-routes';
import { fixture, newUserId, waitFor } from './helpers';

/*
 * The API as a developer meets it: a client generated from the served OpenAPI document by tools we did
 * not write (openapi-typescript's types, openapi-fetch's calls), driving the whole flow through the
 * real route handlers on the local cloud.
 */

describe('the generated API client', () => {
  it('is generated from the served document, and the committed types are up to date', async () => {
    const served = await (await openApi()).json();
    expect(await apiTypesOf(served), `${API_TYPES_FILE} is stale: run npm run api:types`).toBe(await readFile(API_TYPES_FILE, 'utf8'));
  });

  it('uploads, waits for ready, fetches a size, analyses, shares, revokes and deletes, as the document says', async () => {
    const userId = newUserId();
    const { token, apiToken } = await createApiToken(userId, { name: 'client', scopes: ['images:read', 'images:write', 'analysis', 'links'] });
    const client = apiClient(token);
    const photo = await fixture('faces/astronaut.png');

    const made = await client.POST('/uploads', { body: { fileName: 'client.png', contentType: 'image/png', bytes: photo.length }, params: { header: { 'Idempotency-Key': `upload-${userId}` } } });
    expect(made.response.status).toBe(201);
    const { id, upload } = made.data!;
    expect(made.response.headers.get('RateLimit-Remaining')).toMatch(/^\d+$/);
    expect((await fetch(upload.url, { method: upload.method, body: new Uint8Array(photo), headers: upload.headers })).status).toBe(200);

    const ready = await waitFor('the image', () => client.GET('/images/{id}', { params: { path: { id } } }), ({ data }) => data?.status === 'ready' || data?.status === 'failed');
    expect(ready.data).toMatchObject({ id, status: 'ready', fileName: 'client.png', width: expect.any(Number) });
    const w640 = ready.data!.sizes.find((size) => size.name === 'w640' && size.format === 'webp')!;

    const file = await client.GET('/images/{id}/file', { params: { path: { id }, query: { size: 'w640', format: 'webp' } } });
    expect(file.response.status).toBe(302);
    const served = await fetch(file.response.headers.get('location')!);
    expect({ status: served.status, bytes: (await served.arrayBuffer()).byteLength }).toEqual({ status: 200, bytes: w640.bytes });

    const asked = await client.POST('/images/{id}/analysis', { params: { path: { id } } });
    expect(asked.response.status).toBe(202);
    const analysis = await waitFor('the analysis', () => client.GET('/images/{id}/analysis', { params: { path: { id } } }), ({ data }) => data?.status === 'ready' || data?.status === 'failed');
    expect(analysis.data).toMatchObject({ status: 'ready', report: { score: expect.any(Number) }, crop: { status: 'ok' } });

    const link = await client.POST('/links', { body: { imageId: id, expiry: '1d' } });
    expect(link.data).toMatchObject({ imageId: id, state: 'active', path: `/s/${link.data!.code}` });
    const code = link.data!.code;
    expect((await client.GET('/links')).data!.items).toEqual([expect.objectContaining({ code, state: 'active' })]);
    expect((await client.GET('/images', { params: { query: { limit: 5 } } })).data!.items.map((image) => image.id)).toEqual([id]);
    expect((await client.GET('/people')).data).toEqual({ items: expect.any(Array) });

    expect((await client.DELETE('/links/{code}', { params: { path: { code } } })).response.status).toBe(204);
    expect((await resolveLink(code)).state).toBe('not-found');
    expect((await client.DELETE('/images/{id}', { params: { path: { id } } })).response.status).toBe(204);
    const gone = await client.GET('/images/{id}', { params: { path: { id } } });
    expect({ status: gone.response.status, type: gone.error?.type }).toEqual({ status: 404, type: '/api/v1/problems/not-found' });
    expect((await listImagesByOwner(userId, { limit: 10 })).items).toEqual([]);

    await revokeApiToken(userId, { tokenId: apiToken.tokenId });
    const refused = await client.GET('/images');
    expect({ status: refused.response.status, type: refused.error?.type }).toEqual({ status: 401, type: '/api/v1/problems/invalid-token' });
  });
});
