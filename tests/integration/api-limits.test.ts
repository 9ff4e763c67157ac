import { describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/api-tokens';
import { API_TOKEN_RATE_LIMIT, apiRateLimitSubject } from '@/lib/api';
import { getDb } from '@/lib/db';
import { consumeRateLimit, secondsUntilWindowEnds } from '@/lib/rate-limit';
import { GET as getAnalysis } from '@/app/api/v1/images/[id]/analysis/route';
import { GET as getImage } from '@/app/api/v1/images/[id]/route';
import { GET as listImages } from '@/app/api/v1/images/route';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';

/* The API's per-token rate limit, and where its errors come from: input is the client's, stored data ours. */

const get = async (handler: (request: Request, context: { params: Promise<unknown> }) => Promise<Response>, path: string, token: string | null, params: Record<string, string> = {}) => {
  const response = await handler(new Request(`http://localhost/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve(params) });
  const header = (name: string) => response.headers.get(name);
  return { status: response.status, limit: header('ratelimit-limit'), remaining: header('ratelimit-remaining'), reset: header('ratelimit-reset'), retryAfter: header('retry-after'), body: (await response.json()) as { type?: string; detail?: string } };
};

/** Waits out the last seconds of a window, so what a test fills is still there when it asks. */
async function awayFromWindowEnd() {
  const left = secondsUntilWindowEnds(API_TOKEN_RATE_LIMIT, Date.now());
  if (left < 5) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 100));
}

describe('the per-token rate limit', () => {
  it('tells every answer where the token stands, and refuses with Retry-After once its minute is spent, that token only', async () => {
    await awayFromWindowEnd();
    const userId = newUserId();
    const { token, apiToken } = await createApiToken(userId, { name: 'busy', scopes: ['images:read'] });
    const { token: other } = await createApiToken(userId, { name: 'quiet', scopes: ['images:read'] });

    const first = await get(listImages, '/images', token);
    expect(first).toMatchObject({ status: 200, limit: String(API_TOKEN_RATE_LIMIT.limit), remaining: String(API_TOKEN_RATE_LIMIT.limit - 1) });
    expect(Number(first.reset)).toBeGreaterThanOrEqual(1);
    expect(Number(first.reset)).toBeLessThanOrEqual(API_TOKEN_RATE_LIMIT.windowSeconds);
    // A 404 counts and says so too.
    expect(await get(getImage, '/images/nothing-here-0', token, { id: 'nothing-here-0' })).toMatchObject({ status: 404, remaining: String(API_TOKEN_RATE_LIMIT.limit - 2) });

    // Spend what is left of the window, as many requests would.
    await consumeRateLimit(API_TOKEN_RATE_LIMIT, apiRateLimitSubject({ userId, tokenId: apiToken.tokenId }), Date.now(), API_TOKEN_RATE_LIMIT.limit - 2);
    const refused = await get(listImages, '/images', token);
    expect(refused).toMatchObject({ status: 429, remaining: '0', body: { type: '/api/v1/problems/rate-limited', detail: expect.stringMatching(/Try again in \d+ seconds?\./) } });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfter).toBe(refused.reset);
    // Keyed by the token: the owner's other token, and the answer of a refused token, are untouched.
    expect(await get(listImages, '/images', other)).toMatchObject({ status: 200, remaining: String(API_TOKEN_RATE_LIMIT.limit - 1) });
    expect(await get(listImages, '/images', null)).toMatchObject({ status: 401, limit: null });
  });
});

describe('API errors', () => {
  it('answers a stored item that fails its schema as our 500, not the client’s 400', async () => {
    const userId = newUserId();
    const { imageId } = await uploadAsBrowser(userId, await fixture('faces/astronaut.png'), 'astronaut.png', 'image/png');
    expect((await waitForSettled(userId, imageId)).status).toBe('ready');
    const { token } = await createApiToken(userId, { name: 'reader', scopes: ['analysis'] });
    await getDb().entities.analysis.put({ userId, imageId, status: 'ready', analyzer: 'local', report: { score: 'not a number' } }).go();

    const answer = await get(getAnalysis, `/images/${imageId}/analysis`, token, { id: imageId });
    expect({ status: answer.status, type: answer.body.type }).toEqual({ status: 500, type: '/api/v1/problems/internal' });
    expect(JSON.stringify(answer.body)).not.toContain('score');
  });
});
