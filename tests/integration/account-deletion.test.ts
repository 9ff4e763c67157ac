import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { deleteOwnAccount } from '@/lib/account/delete-own-account';
import { claimIdempotencyKey } from '@/lib/api';
import { ApiTokenRefused, authenticateApiToken, createApiToken } from '@/lib/api-tokens';
import { findUserData, holdsUserData } from '@/lib/account/find-user-data';
import { signIn, signUp, startSession } from '@/lib/auth';
import { resources } from '@/lib/aws/resources';
import { findAnalysis, findImage, listLinksByOwner } from '@/lib/db';
import { requestProfileAnalysis } from '@/lib/profile-check/request-profile-analysis';
import { createUpload } from '@/lib/images';
import { storeDeadLetters } from '@/lib/jobs';
import { createLink, resolveLink } from '@/lib/links';
import { faceIndexObjectKey } from '@/lib/storage';
import { listPeople } from '@/lib/people';
import { fixture, uploadAsBrowser, waitFor, waitForSettled } from './helpers';
import { sqsEvent } from './sqs-event';

/*
 * Deleting an account through the local cloud: the owner asks, their links end at once, the
 * delete-account job (run by the bridge, as SQS runs it) takes everything else, and `check:user`
 * then finds nothing. Another user's data is the same afterwards, item for item and object for object.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A user with photos, an analysis, a link, a person (two photos of one face) and a dead letter. */
async function populatedUser(label: string) {
  const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'correct horse battery';
  const { userId } = await signUp({ email, password }, { address: `deletion-${email}` });
  await startSession({ userId, email });
  const astronaut = await fixture('faces/astronaut.png');
  const first = await uploadAsBrowser(userId, astronaut, 'astronaut.png', 'image/png');
  const second = await uploadAsBrowser(userId, await sharp(astronaut).flop().jpeg().toBuffer(), 'mirrored.jpg', 'image/jpeg');
  for (const { imageId } of [first, second]) expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  await requestProfileAnalysis(userId, first.imageId);
  await waitFor('analysis', () => findAnalysis({ userId, imageId: first.imageId }), (analysis) => analysis?.status === 'ready');
  await waitFor('faces', () => Promise.all([first, second].map(({ imageId }) => findImage(userId, imageId))), (images) => images.every((image) => image?.faceIndex?.status === 'done'));
  const { code } = await createLink(userId, { imageId: first.imageId });
  const failed = await createUpload(userId, { fileName: 'never.png', contentType: 'image/png', bytes: 10 });
  await storeDeadLetters(sqsEvent({ bucket: resources.uploadsBucket, key: `uploads/${userId}/${failed.imageId}/original`, eTag: '', size: 0 }, 1));
  const { token } = await createApiToken(userId, { name: 'script', scopes: ['images:read'] });
  // The first answer to a POST of the API sent with an Idempotency-Key, kept for its retries.
  const idempotent = await claimIdempotencyKey(userId, 'populated', { operationId: 'createShareLink', path: '/api/v1/links', body: '{}' });
  await idempotent.keep!({ status: 201, body: JSON.stringify({ code }) });
  return { userId, email, password, code, token, imageIds: [first.imageId, second.imageId] };
}

describe('account deletion', () => {
  it('leaves nothing of the user, ends their links at once, signs them out, and leaves another user as they were', async () => {
    const [owner, other] = await Promise.all([populatedUser('leaving'), populatedUser('staying')]);
    expect(await listPeople(owner.userId)).toHaveLength(1);
    const before = await findUserData(owner.userId);
    expect(before.objects.length).toBeGreaterThan(10);
    expect(before.objects.map((object) => object.key)).toContain(faceIndexObjectKey(owner.userId));
    expect(new Set(before.items.map((item) => item.entity))).toEqual(new Set(['image', 'analysis', 'face', 'person', 'faceLibrary', 'job', 'deadLetter', 'session', 'link', 'user', 'rateLimitWindow', 'storageUsage', 'apiToken', 'apiTokenSlots', 'idempotencyRecord']));
    const otherBefore = await findUserData(other.userId);

    await expect(deleteOwnAccount(owner.userId, { email: owner.email, local: true, clerk: false }, { email: 'someone-else@example.com' })).rejects.toThrow(/not the email address/);
    await deleteOwnAccount(owner.userId, { email: owner.email, local: true, clerk: false }, { email: ` ${owner.email.toUpperCase()} ` });
    // At once: the link answers "not found", and the account no longer signs in.
    expect(await resolveLink(owner.code)).toEqual({ state: 'not-found' });
    expect(await signIn({ email: owner.email, password: owner.password }, { address: 'deletion-check' })).toBeNull();
    await expect(authenticateApiToken(`Bearer ${owner.token}`, 'images:read')).rejects.toThrow(ApiTokenRefused);

    const after = await waitFor('the deletion', () => findUserData(owner.userId), (report) => !holdsUserData(report));
    expect(after).toMatchObject({ objects: [], items: [], indexedFaces: 0, closure: { expiresAt: expect.any(Number) } });
    expect(await listLinksByOwner(owner.userId, { limit: 10 })).toEqual({ items: [], cursor: null });

    // The proof as an operator runs it.
    const { stdout } = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/check-user.ts', owner.userId], { cwd: ROOT, env: process.env });
    expect(stdout).toContain(`✓ Nothing is left of ${owner.userId}.`);
    const leftOther = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/check-user.ts', other.userId], { cwd: ROOT, env: process.env }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in leftOther ? leftOther.code : 0).toBe(1);

    // The other user: the same objects and items, and their link still works.
    const otherAfter = await findUserData(other.userId);
    expect(otherAfter.objects).toEqual(otherBefore.objects);
    expect(otherAfter.items.map((item) => JSON.stringify(item)).sort()).toEqual(otherBefore.items.map((item) => JSON.stringify(item)).sort());
    expect((await resolveLink(other.code)).state).toBe('active');
    expect(await signIn({ email: other.email, password: other.password }, { address: 'deletion-check' })).toMatchObject({ userId: other.userId });
    expect(await authenticateApiToken(`Bearer ${other.token}`, 'images:read')).toMatchObject({ userId: other.userId });
  }, 180_000);
});
