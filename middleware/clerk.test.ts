import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { NextRequest, type NextFetchEvent } from 'next/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/*
 * The Clerk path, offline: session tokens shaped like Clerk's, signed with a key pair made here,
 * go through the real clerkMiddleware. It must accept them with no network call and reject
 * expired tokens and tokens signed by another key.
 */
const ISSUER = 'https://example.clerk.accounts.dev';
// A live publishable key: with a test key Clerk also demands its dev-browser cookie and redirects to a handshake.
const PUBLISHABLE_KEY = `pk_live_${Buffer.from('example.clerk.accounts.dev$').toString('base64')}`;

let signingKey: CryptoKey;
let foreignKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  foreignKey = (await generateKeyPair('RS256')).privateKey;
  vi.stubEnv('CLERK_JWT_KEY', await exportSPKI(pair.publicKey));
  vi.stubEnv('CLERK_SECRET_KEY', 'sk_live_offline_test_key');
  vi.stubEnv('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', PUBLISHABLE_KEY);
  vi.stubEnv('CLERK_PUBLISHABLE_KEY', PUBLISHABLE_KEY);
  // What a page's content security policy names: the buckets, as presigned URLs address them (signing needs no network), and the live endpoint.
  vi.stubEnv('SST_RESOURCE_Uploads', JSON.stringify({ name: 'uploads-bucket' }));
  vi.stubEnv('SST_RESOURCE_Media', JSON.stringify({ name: 'media-bucket' }));
  vi.stubEnv('SST_RESOURCE_Realtime', JSON.stringify({ endpoint: 'abc123example-ats.iot.us-east-1.amazonaws.com', authorizer: 'headshot-live-authorizer' }));
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'offline');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'offline');
});

afterEach(() => vi.restoreAllMocks());

async function sessionToken(key: CryptoKey, lifetime: { issuedAgo: number; expiresIn: number }, azp = 'http://localhost:3000') {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: 'sess_2abc', azp })
    .setProtectedHeader({ alg: 'RS256', kid: 'ins_2abc', typ: 'JWT' })
    .setSubject('user_2abc')
    .setIssuer(ISSUER)
    .setIssuedAt(now - lifetime.issuedAgo)
    .setNotBefore(now - lifetime.issuedAgo - 5)
    .setExpirationTime(now + lifetime.expiresIn)
    .sign(key);
}

async function visit(path: string, token: string) {
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  const { clerk } = await import('./clerk');
  const request = new NextRequest(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${token}` } });
  const response = await clerk(request, { waitUntil: () => undefined } as unknown as NextFetchEvent);
  return { response, fetchCalls: fetchSpy.mock.calls.length };
}

describe('clerkMiddleware with Clerk-shaped tokens, offline', () => {
  it('accepts a valid session token without any network call', async () => {
    const { response, fetchCalls } = await visit('/dashboard', await sessionToken(signingKey, { issuedAgo: 10, expiresIn: 60 }));
    expect(fetchCalls).toBe(0);
    // A signed-in request passes through, with Clerk's verdict forwarded to the page as request headers.
    expect(response?.status).toBe(200);
    expect(response?.headers.get('x-middleware-request-x-clerk-auth-status')).toBe('signed-in');
    // The page gets its content security policy with a nonce, on the request (for Next.js) and the response.
    expect(response?.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic' https:\/\/example\.clerk\.accounts\.dev/);
  });

  it('rejects a token made for another site (authorizedParties)', async () => {
    const { response, fetchCalls } = await visit('/dashboard', await sessionToken(signingKey, { issuedAgo: 10, expiresIn: 60 }, 'https://evil.example'));
    expect(fetchCalls).toBe(0);
    expect(response?.headers.get('x-clerk-auth-status')).toBe('signed-out');
    expect(response?.headers.get('x-middleware-request-x-clerk-auth-status')).not.toBe('signed-in');
  });

  it("sends a signed-out visitor of a private page to the app's own sign-in page", async () => {
    const { response } = await visit('/dashboard', await sessionToken(signingKey, { issuedAgo: 600, expiresIn: -300 }));
    const location = response?.headers.get('location') ?? '';
    expect(new URL(location, 'http://localhost:3000').pathname).toBe('/sign-in');
  });

  it('rejects an expired token', async () => {
    const { response, fetchCalls } = await visit('/dashboard', await sessionToken(signingKey, { issuedAgo: 600, expiresIn: -300 }));
    expect(fetchCalls).toBe(0);
    expect(response?.headers.get('x-clerk-auth-status')).toBe('signed-out');
    expect(response?.headers.get('x-clerk-auth-reason')).toMatch(/expired/i);
    // auth.protect() does not let the request through to the private page.
    expect(response?.headers.get('x-middleware-request-x-clerk-auth-status')).not.toBe('signed-in');
    expect(response?.headers.get('x-middleware-rewrite') ?? response?.headers.get('location')).toBeTruthy();
  });

  it('rejects a token signed with a foreign key', async () => {
    const { response, fetchCalls } = await visit('/dashboard', await sessionToken(foreignKey, { issuedAgo: 10, expiresIn: 60 }));
    expect(fetchCalls).toBe(0);
    expect(response?.headers.get('x-clerk-auth-status')).toBe('signed-out');
    expect(response?.headers.get('x-clerk-auth-reason')).toMatch(/signature|invalid/i);
  });
});
