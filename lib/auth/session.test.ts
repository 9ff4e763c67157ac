import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signSession, verifySessionToken } from './session';

const secret = 'a'.repeat(43);
const session = { userId: 'usr_1', email: 'a@example.com', sessionId: 'ses_1' };

describe('session token', () => {
  it('round-trips a session, its id included', async () => {
    const token = await signSession(session, secret);
    expect(await verifySessionToken(token, secret)).toEqual(session);
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signSession(session, 'b'.repeat(43));
    expect(await verifySessionToken(token, secret)).toBeNull();
  });

  it('rejects an expired token, and one that names no session', async () => {
    const sign = (claims: Record<string, string>, expires: number) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('usr_1').setIssuer('headshot-local').setExpirationTime(expires).sign(new TextEncoder().encode(secret));
    const now = Math.floor(Date.now() / 1000);
    expect(await verifySessionToken(await sign({ email: 'a@example.com', sid: 'ses_1' }, now - 60), secret)).toBeNull();
    expect(await verifySessionToken(await sign({ email: 'a@example.com' }, now + 60), secret)).toBeNull();
  });

  it('rejects a tampered payload and a missing cookie', async () => {
    const token = await signSession(session, secret);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'usr_admin', email: 'a@example.com', sid: 'ses_1', iss: 'headshot-local' })).toString('base64url');
    expect(await verifySessionToken(`${header}.${forged}.${signature}`, secret)).toBeNull();
    expect(await verifySessionToken(undefined, secret)).toBeNull();
  });
});
