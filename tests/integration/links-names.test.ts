import { describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/api-tokens';
import { deleteLinks, findLinkByCode, scanItemsNamingUser } from '@/lib/db';
import { createLink, GONE_RETENTION_MS, readSharedFile, resolveLink, revokeLink, SHARED_FILES } from '@/lib/links';
import { revokeLinksForImage } from '@/lib/links/revoke-links-for-image';
import { UserError } from '@/lib/user-error';
import { POST as createShareLink } from '@/app/api/v1/links/route';
import { DELETE as revokeShareLink } from '@/app/api/v1/links/[code]/route';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/*
 * Custom link names against the local cloud: the name is the link's code, one conditional put
 * decides who gets it, and an ended link keeps its name out of use for 30 days.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function readyImage() {
  const userId = newUserId();
  const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
  expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  return { userId, imageId };
}

/** A name no other run of this file has used: the emulators' table outlives a run. */
const freshName = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('custom link names', () => {
  it('lives at /s/<name> like a code, and revoking it refuses every file', async () => {
    const { userId, imageId } = await readyImage();
    const name = freshName('jane');
    const link = await createLink(userId, { imageId, name });
    expect(link).toMatchObject({ code: name, path: `/s/${name}`, state: 'active' });
    expect((await resolveLink(name)).state).toBe('active');
    for (const file of SHARED_FILES.filter((f) => f !== 'download.jpg')) expect((await readSharedFile(name, file)).state).toBe('active');

    expect(await revokeLink(userId, { code: name })).toBe(true);
    expect(await resolveLink(name)).toEqual({ state: 'not-found' });
    for (const file of SHARED_FILES) expect(await readSharedFile(name, file)).toEqual({ state: 'not-found' });
  });

  it('refuses bad names with a sentence that says what to change', async () => {
    const { userId, imageId } = await readyImage();
    const cases: [string, RegExp][] = [
      ['ab', /at least 3/],
      ['a'.repeat(41), /at most 40/],
      ['Jane-2026', /lower-case letters/],
      ['jane_2026', /lower-case letters/],
      ['jane 2026', /lower-case letters/],
      ['admin', /reserved/],
      ['sign-in', /reserved/],
      ['api', /reserved/],
    ];
    for (const [name, message] of cases) {
      const error = await refusal(createLink(userId, { imageId, name }));
      expect(error, name).toBeInstanceOf(Error);
      expect(String((error as Error).message), name).toMatch(message);
    }
  });

  it('gives a name to exactly one of two owners racing for it; the other is told it is taken', async () => {
    const [first, second] = await Promise.all([readyImage(), readyImage()]);
    const name = freshName('race');
    const outcomes = await Promise.allSettled([createLink(first.userId, { imageId: first.imageId, name }), createLink(second.userId, { imageId: second.imageId, name })]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(UserError);
    expect(lost[0]!.reason.message).toBe('That name is taken.');
    // The item is the winner's, whole.
    const winner = outcomes[0]!.status === 'fulfilled' ? first : second;
    expect(await findLinkByCode(name)).toMatchObject({ userId: winner.userId, imageId: winner.imageId });
  });

  it('keeps the name of an expired or revoked link out of use for 30 days after its end, then lets it go', async () => {
    const [owner, newcomer] = await Promise.all([readyImage(), readyImage()]);
    const created = Date.now();

    const expiring = freshName('expired');
    await createLink(owner.userId, { imageId: owner.imageId, expiry: '1h', name: expiring }, { now: created });
    const ended = created + HOUR;
    const early = await refusal(createLink(newcomer.userId, { imageId: newcomer.imageId, name: expiring }, { now: ended + 29 * DAY }));
    expect(early).toBeInstanceOf(UserError);
    expect((early as Error).message).toMatch(/^That name belonged to a link that ended recently; it is free again on \d{4}-\d{2}-\d{2}\.$/);
    const reused = await createLink(newcomer.userId, { imageId: newcomer.imageId, name: expiring, expiry: 'never' }, { now: ended + GONE_RETENTION_MS + 1000 });
    expect(reused).toMatchObject({ code: expiring, imageId: newcomer.imageId, state: 'active', views: 0 });
    expect(await findLinkByCode(expiring)).toMatchObject({ userId: newcomer.userId, imageId: newcomer.imageId });

    const revoked = freshName('revoked');
    await createLink(owner.userId, { imageId: owner.imageId, expiry: 'never', name: revoked }, { now: created });
    expect(await revokeLink(owner.userId, { code: revoked }, { now: created + DAY })).toBe(true);
    await expect(createLink(newcomer.userId, { imageId: newcomer.imageId, name: revoked }, { now: created + 2 * DAY })).rejects.toThrow(/ended recently/);
    await expect(createLink(newcomer.userId, { imageId: newcomer.imageId, name: revoked }, { now: created + DAY + GONE_RETENTION_MS + 1000 })).resolves.toMatchObject({ code: revoked });
  });

  it('holds the name of a link deleted with its photo for 30 days, in an item that names no user', async () => {
    const [owner, newcomer] = await Promise.all([readyImage(), readyImage()]);
    const name = freshName('deleted');
    const deletedAt = Date.now();
    await createLink(owner.userId, { imageId: owner.imageId, name, expiry: 'never' }, { now: deletedAt - DAY });
    expect(await revokeLinksForImage(owner.userId, owner.imageId, { now: deletedAt })).toBe(1);
    expect(await findLinkByCode(name)).toBeNull();
    expect(await scanItemsNamingUser(owner.userId)).not.toContainEqual(expect.objectContaining({ name }));

    await expect(createLink(newcomer.userId, { imageId: newcomer.imageId, name }, { now: deletedAt + DAY })).rejects.toThrow(/ended recently/);
    await expect(createLink(newcomer.userId, { imageId: newcomer.imageId, name }, { now: deletedAt + GONE_RETENTION_MS + 1000 })).resolves.toMatchObject({ code: name });
  });

  it('holds a name however its link item is deleted (the account deletion path)', async () => {
    const { userId, imageId } = await readyImage();
    const name = freshName('account');
    await createLink(userId, { imageId, name });
    await deleteLinks([name]);
    await expect(createLink(userId, { imageId, name })).rejects.toThrow(/ended recently/);
  });
});

describe('/api/v1 links with a name', () => {
  const call = async (handler: (request: Request, context: { params: Promise<unknown> }) => Promise<Response>, path: string, token: string, params: Record<string, string>, init: { method: string; body?: unknown }) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await handler(new Request(`http://localhost/api/v1${path}`, { method: init.method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }), { params: Promise.resolve(params) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };

  it('accepts `name`, answers 400 with a sentence for a bad or taken one, and revokes by name', async () => {
    const { userId, imageId } = await readyImage();
    const { token } = await createApiToken(userId, { name: 'namer', scopes: ['links'] });
    const name = freshName('api');
    const made = await call(createShareLink, '/links', token, {}, { method: 'POST', body: { imageId, name } });
    expect(made).toMatchObject({ status: 201, body: { code: name, path: `/s/${name}`, state: 'active' } });

    const taken = await call(createShareLink, '/links', token, {}, { method: 'POST', body: { imageId, name } });
    expect(taken.status).toBe(400);
    expect(JSON.stringify(taken.body)).toContain('That name is taken.');
    for (const bad of ['admin', 'Jane', 'x']) {
      const refused = await call(createShareLink, '/links', token, {}, { method: 'POST', body: { imageId, name: bad } });
      expect(refused.status, bad).toBe(400);
    }
    expect((await call(revokeShareLink, `/links/${name}`, token, { code: name }, { method: 'DELETE' })).status).toBe(204);
    expect(await resolveLink(name)).toEqual({ state: 'not-found' });
  });
});
