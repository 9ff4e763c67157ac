import { describe, expect, it } from 'vitest';
import { ApiTokenRefused, authenticateApiToken, createApiToken, listApiTokens, MAX_API_TOKENS, revokeApiToken } from '@/lib/api-tokens';
import { closeAccount, getDb } from '@/lib/db';
import { UserError } from '@/lib/user-error';
import { newUserId } from './helpers';

const bearer = (token: string) => `Bearer ${token}`;

/** What a refused request would answer: its status and problem type, or 'accepted'. */
async function outcome(authorization: string | null, scope: Parameters<typeof authenticateApiToken>[1], now?: number) {
  try {
    await authenticateApiToken(authorization, scope, now);
    return 'accepted';
  } catch (error) {
    if (error instanceof ApiTokenRefused) return `${error.status} ${error.type}`;
    throw error;
  }
}

describe('personal API tokens', () => {
  it('are shown once, stored only as a hash, act for their owner within their scopes, and stop at once when revoked', async () => {
    const userId = newUserId();
    const { token, apiToken } = await createApiToken(userId, { name: 'CI uploader', scopes: ['images:write', 'images:read', 'images:read'], expiresInDays: 30 });
    expect(token).toMatch(/^hst_/);
    expect(apiToken).toMatchObject({ name: 'CI uploader', scopes: ['images:read', 'images:write'], lastUsedAt: null, state: 'active' });

    const { data: stored } = await getDb().entities.apiToken.get({ userId, tokenId: apiToken.tokenId }).go();
    expect(JSON.stringify(stored)).not.toContain(token.split('.').at(-1));
    expect(stored?.secretHash).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(await authenticateApiToken(bearer(token), 'images:read')).toEqual({ userId, tokenId: apiToken.tokenId, scopes: ['images:read', 'images:write'] });
    expect((await listApiTokens(userId))[0]!.lastUsedAt).toEqual(expect.any(Number));

    const secret = token.split('.').at(-1)!;
    const otherSecret = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await outcome(null, 'images:read')).toBe('401 missing-token');
    expect(await outcome('Basic abc', 'images:read')).toBe('401 missing-token');
    expect(await outcome(bearer('hst_nonsense'), 'images:read')).toBe('401 invalid-token');
    expect(await outcome(bearer(token.replace(secret, otherSecret)), 'images:read')).toBe('401 invalid-token');
    // Someone else's id in front of this secret finds no token of theirs.
    expect(await outcome(bearer(token.replace(userId, newUserId())), 'images:read')).toBe('401 invalid-token');
    expect(await outcome(bearer(token), 'links')).toBe('403 insufficient-scope');

    await revokeApiToken(userId, { tokenId: apiToken.tokenId });
    expect(await outcome(bearer(token), 'images:read')).toBe('401 invalid-token');
    await expect(revokeApiToken(userId, { tokenId: apiToken.tokenId })).rejects.toThrow(UserError);
    expect(await listApiTokens(userId)).toEqual([]);
  });

  it('cannot be revoked by another user', async () => {
    const owner = newUserId();
    const { token, apiToken } = await createApiToken(owner, { name: 'mine', scopes: ['images:read'] });
    await expect(revokeApiToken(newUserId(), { tokenId: apiToken.tokenId })).rejects.toThrow(/no such token/);
    expect(await outcome(bearer(token), 'images:read')).toBe('accepted');
  });

  it(`holds at most ${MAX_API_TOKENS} per user, even when asked for all at once, and a revocation frees a place`, async () => {
    const userId = newUserId();
    const made = await Promise.allSettled(Array.from({ length: MAX_API_TOKENS + 3 }, (_, n) => createApiToken(userId, { name: `token ${n}`, scopes: ['images:read'] })));
    const refused = made.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []));
    expect(made.length - refused.length).toBe(MAX_API_TOKENS);
    expect(refused.map((error) => error.message)).toEqual(Array(3).fill(`You have ${MAX_API_TOKENS} API tokens, the most an account can hold. Revoke one you no longer use first.`));
    expect(await listApiTokens(userId)).toHaveLength(MAX_API_TOKENS);

    const first = made.find((result) => result.status === 'fulfilled')!;
    await revokeApiToken(userId, { tokenId: first.value.apiToken.tokenId });
    await expect(createApiToken(userId, { name: 'one more', scopes: ['links'] })).resolves.toMatchObject({ apiToken: { name: 'one more' } });
  });

  it('refuse an expired token, which stays listed as expired', async () => {
    const userId = newUserId();
    const eightDaysAgo = Date.now() - 8 * 24 * 60 * 60 * 1000;
    const { token } = await createApiToken(userId, { name: 'old', scopes: ['images:read'], expiresInDays: 7 }, eightDaysAgo);
    expect(await outcome(bearer(token), 'images:read')).toBe('401 expired-token');
    expect(await listApiTokens(userId)).toMatchObject([{ name: 'old', state: 'expired' }]);
  });

  it('read nothing for an account being deleted, and none can be made for it', async () => {
    const userId = newUserId();
    const { token } = await createApiToken(userId, { name: 'before', scopes: ['images:read'] });
    await closeAccount(userId, Date.now());
    expect(await outcome(bearer(token), 'images:read')).toBe('403 account-closed');
    await expect(createApiToken(userId, { name: 'after', scopes: ['images:read'] })).rejects.toThrow(/deleted/);
  });

  it('refuse bad input with a sentence', async () => {
    const userId = newUserId();
    await expect(createApiToken(userId, { name: ' ', scopes: ['images:read'] })).rejects.toThrow(/name/);
    await expect(createApiToken(userId, { name: 'x', scopes: [] })).rejects.toThrow(/scope/);
    await expect(createApiToken(userId, { name: 'x', scopes: ['admin' as 'links'] })).rejects.toThrow();
    await expect(createApiToken(userId, { name: 'x', scopes: ['links'], expiresInDays: 3 })).rejects.toThrow();
    await expect(revokeApiToken(userId, { tokenId: '../x' })).rejects.toThrow(/token id/);
  });
});
