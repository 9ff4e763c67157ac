import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signSession, verifySession } from './session';

const secret = 'a'.repeat(43);

describe('session cookie', () => {
  it('round-trips a session', async () => {
    const token = await signSession({ userId: 'usr_1', email: 'a@example.com' }, secret);
    expect(await verifySession(token, secret)).toEqual({ userId: 'usr_1', email: 'a@example.com' });
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signSession({ userId: 'usr_1', email: 'a@example.com' }, 'b'.repeat(43));
    expect(await verifySession(token, secret)).toBeNull();
  });

  it('rejects an expired token', async () => {
    const token = await new SignJWT({ email: 'a@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('usr_1')
      .setIssuer('headshot-local')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    expect(await verifySession(token, secret)).toBeNull();
  });

  it('rejects a tampered payload and a missing cookie', async () => {
    const token = await signSession({ userId: 'usr_1', email: 'a@example.com' }, secret);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'usr_admin', email: 'a@example.com', iss: 'headshot-local' })).toString('base64url');
    expect(await verifySession(`${header}.${forged}.${signature}`, secret)).toBeNull();
    expect(await verifySession(undefined, secret)).toBeNull();
  });
});
