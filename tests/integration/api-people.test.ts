import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/api-tokens';
import { findImage, putFaces } from '@/lib/db';
import { GET as listPeople } from '@/app/api/v1/people/route';
import { POST as searchPeople } from '@/app/api/v1/people/search/route';
import { fixture, newUserId, uploadAsBrowser, waitFor, waitForSettled } from './helpers';

/* People over the API: who is in the owner's photos, and which photos show the person of a face. */

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

async function call(handler: Handler, token: string, body?: unknown) {
  const init = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  const request = new Request('http://localhost/api/v1/people', { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  const response = await handler(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function uploadAndIndex(userId: string, body: Buffer, fileName: string) {
  const { imageId } = await uploadAsBrowser(userId, body, fileName, 'image/jpeg');
  expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  const image = await waitFor('faces', () => findImage(userId, imageId), (image) => image?.faceIndex?.status === 'done' || image?.faceIndex?.status === 'failed');
  expect(image!.faceIndex!.status).toBe('done');
  return imageId;
}

describe('/api/v1/people', () => {
  it('lists the owner’s people and finds the photos of one, never another owner’s, and refuses a face it cannot search with', async () => {
    const userId = newUserId();
    const astronaut = await fixture('faces/astronaut.png');
    const astronautId = await uploadAndIndex(userId, await sharp(astronaut).jpeg().toBuffer(), 'astronaut.jpg');
    const mirroredId = await uploadAndIndex(userId, await sharp(astronaut).flop().jpeg().toBuffer(), 'mirrored.jpg');
    const coffeeId = await uploadAndIndex(userId, await sharp(await fixture('nofaces/coffee.png')).jpeg().toBuffer(), 'coffee.jpg');
    const { token } = await createApiToken(userId, { name: 'people', scopes: ['images:read'] });
    const { token: stranger } = await createApiToken(newUserId(), { name: 'stranger', scopes: ['images:read'] });

    expect(await call(listPeople, token)).toEqual({ status: 200, body: { items: [{ id: expect.any(String), name: null, photoCount: 2, coverUrl: expect.any(String) }] } });
    const found = await call(searchPeople, token, { imageId: astronautId });
    expect(found).toMatchObject({ status: 200, body: { faceId: expect.stringMatching(new RegExp(`^${astronautId}\\.`)), items: [{ imageId: mirroredId, fileName: 'mirrored.jpg', similarity: expect.any(Number) }] } });
    const faceId = found.body.faceId as string;
    expect((await call(searchPeople, token, { imageId: astronautId, faceId })).body).toEqual(found.body);

    expect(await call(listPeople, stranger)).toEqual({ status: 200, body: { items: [] } });
    const theirs = await call(searchPeople, stranger, { imageId: astronautId, faceId });
    expect({ status: theirs.status, type: theirs.body.type }).toEqual({ status: 404, type: '/api/v1/problems/not-found' });
    expect(JSON.stringify(theirs.body)).not.toContain(mirroredId);

    expect(await call(searchPeople, token, { imageId: astronautId, faceId: `${astronautId}.7` })).toMatchObject({ status: 404 });
    expect(await call(searchPeople, token, { imageId: astronautId, faceId: `${mirroredId}.0` })).toMatchObject({ status: 400, body: { errors: [{ path: 'faceId' }] } });
    expect(await call(searchPeople, token, { imageId: coffeeId })).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/No faces have been found/) } });

    // A face indexed by Rekognition before the site moved to the built-in model: nothing to search with, and the owner is told why.
    await putFaces([{ userId, imageId: astronautId, faceId: `${astronautId}.9`, personId: '', box: { left: 0.1, top: 0.1, width: 0.2, height: 0.2 }, confidence: 0.99, providerFaceId: '3f0b8c5e-2d71-4a9c-9e44-6b1d2a7f8c31', thumbnailKey: `face-thumbnails/${userId}/${astronautId}/${astronautId}.9.jpeg` }]);
    const foreign = await call(searchPeople, token, { imageId: astronautId, faceId: `${astronautId}.9` });
    expect(foreign).toMatchObject({ status: 400, body: { type: '/api/v1/problems/invalid-request', detail: expect.stringMatching(/another face recognizer/) } });
  });
});
