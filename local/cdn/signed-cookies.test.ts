import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import { describe, expect, it } from 'vitest';
import { mediaAccessCookies, MEDIA_ACCESS_TTL_SECONDS } from '../../lib/media-access/media-cookies';
import { checkSignedCookies, refusalXml } from './signed-cookies';

/* CloudFront's signed-cookie check as the local cloud makes it, against cookies made by AWS's own signer. */

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
}

const ORIGIN = 'http://localhost:3000';
const trusted = keyPair();
const stranger = keyPair();
const KEY_ID = 'K2JCJMDEHXQW5F';
const TRUSTED = new Map<string, KeyObject>([[KEY_ID, trusted.publicKey]]);
const NOW = Date.UTC(2026, 11, 7, 10, 0, 0);
const seconds = (ms: number) => Math.floor(ms / 1000);

function customPolicy(resource: string, condition: Record<string, unknown> = {}) {
  return JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': seconds(NOW) + 3600 }, ...condition } }] });
}

function cookiesFor(policy: string, options: { privateKey?: string; keyPairId?: string; algorithm?: 'SHA1' | 'SHA256' } = {}): Record<string, string> {
  const signed = getSignedCookies({ policy, keyPairId: options.keyPairId ?? KEY_ID, privateKey: options.privateKey ?? trusted.privateKey, algorithm: options.algorithm });
  return Object.fromEntries(Object.entries(signed).map(([name, value]) => [name, String(value)]));
}

function check(path: string, cookies: Record<string, string | undefined>, at = NOW, viewerAddress = '127.0.0.1') {
  return checkSignedCookies({ url: `${ORIGIN}${path}`, cookies, viewerAddress, now: at }, TRUSTED);
}

const MINE = '/media/user_a/images/img1/w256.webp';
const THEIRS = '/media/user_b/images/img9/w256.webp';

describe('the local check of CloudFront signed cookies', () => {
  it('serves a path the custom policy covers, signed with a trusted key (SHA-1, and SHA-256 when the cookie says so)', () => {
    expect(check(MINE, cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`)))).toBeNull();
    expect(check(MINE, cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`), { algorithm: 'SHA256' }))).toBeNull();
  });

  it("refuses another user's prefix with CloudFront's AccessDenied", () => {
    expect(check(THEIRS, cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`)))).toEqual({ code: 'AccessDenied', message: 'Access denied' });
    // A prefix that only starts like mine is not mine.
    expect(check('/media/user_ab/images/x/w256.webp', cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`)))?.code).toBe('AccessDenied');
  });

  it('refuses an expired policy, and one not yet valid', () => {
    const cookies = cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`));
    expect(check(MINE, cookies, NOW + 3600_000)?.code).toBe('AccessDenied');
    expect(check(MINE, cookies, NOW + 3599_000)).toBeNull();
    const later = cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`, { DateGreaterThan: { 'AWS:EpochTime': seconds(NOW) + 60 } }));
    expect(check(MINE, later)?.code).toBe('AccessDenied');
    expect(check(MINE, later, NOW + 61_000)).toBeNull();
  });

  it('refuses a tampered policy or signature', () => {
    const mine = cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`));
    const widened = cookiesFor(customPolicy(`${ORIGIN}/media/*`));
    // My signature with a policy that would cover everyone.
    expect(check(THEIRS, { ...mine, 'CloudFront-Policy': widened['CloudFront-Policy'] })?.code).toBe('AccessDenied');
    const signature = mine['CloudFront-Signature']!;
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(check(MINE, { ...mine, 'CloudFront-Signature': flipped })?.code).toBe('AccessDenied');
    expect(check(MINE, { ...mine, 'CloudFront-Signature': undefined })?.code).toBe('AccessDenied');
    // Signed by a key that is not in the key group, under a trusted key's id.
    expect(check(MINE, cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`), { privateKey: stranger.privateKey }))?.code).toBe('AccessDenied');
  });

  it('refuses an unknown key pair id, and a missing one', () => {
    expect(check(MINE, cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`), { keyPairId: 'KUNKNOWN000000' }))).toEqual({ code: 'InvalidKey', message: 'Unknown Key' });
    expect(check(MINE, { ...cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`)), 'CloudFront-Key-Pair-Id': undefined })).toEqual({
      code: 'MissingKey',
      message: 'Missing Key-Pair-Id query parameter or cookie value',
    });
    expect(check(MINE, {})?.code).toBe('MissingKey');
  });

  it('refuses a policy that is not one well-formed statement, and one with neither policy nor expiry', () => {
    const twoStatements = JSON.stringify({ Statement: [JSON.parse(customPolicy('*')).Statement[0], JSON.parse(customPolicy('*')).Statement[0]] });
    expect(check(MINE, cookiesFor(twoStatements))?.code).toBe('MalformedPolicy');
    const noExpiry = JSON.stringify({ Statement: [{ Resource: `${ORIGIN}/media/user_a/*`, Condition: {} }] });
    expect(check(MINE, cookiesFor(noExpiry))?.code).toBe('MalformedPolicy');
    expect(check(MINE, { ...cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`)), 'CloudFront-Policy': undefined })?.code).toBe('MalformedPolicy');
  });

  it("checks a custom policy's IpAddress against the viewer's address", () => {
    const cookies = cookiesFor(customPolicy(`${ORIGIN}/media/user_a/*`, { IpAddress: { 'AWS:SourceIp': '192.0.2.0/24' } }));
    expect(check(MINE, cookies, NOW, '192.0.2.7')).toBeNull();
    expect(check(MINE, cookies, NOW, '198.51.100.7')?.code).toBe('AccessDenied');
  });

  it('takes a canned policy for the very URL it was made for, until it expires', () => {
    const signed = getSignedCookies({ url: `${ORIGIN}${MINE}`, keyPairId: KEY_ID, privateKey: trusted.privateKey, dateLessThan: new Date(NOW + 60_000) });
    const cookies = Object.fromEntries(Object.entries(signed).map(([name, value]) => [name, String(value)]));
    expect(check(MINE, cookies)).toBeNull();
    expect(check(THEIRS, cookies)?.code).toBe('AccessDenied');
    expect(check(MINE, cookies, NOW + 61_000)?.code).toBe('AccessDenied');
  });

  it("answers with CloudFront's XML body", () => {
    expect(refusalXml({ code: 'AccessDenied', message: 'Access denied' })).toBe('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>');
  });
});

describe("the site's media cookies (lib/media-access)", () => {
  const signer = { keyPairId: KEY_ID, privateKey: trusted.privateKey };
  // What a browser sends for a path: the cookies whose Path it is under (CloudFront's three; the site's note is everywhere, and grants nothing).
  const sent = (cookies: ReturnType<typeof mediaAccessCookies>, path: string) =>
    Object.fromEntries(cookies.filter((cookie) => path.startsWith(cookie.path) && cookie.name.startsWith('CloudFront-')).map((cookie) => [cookie.name, cookie.value]));

  it("open the user's own media, scoped by path, and nobody else's, for their lifetime", () => {
    const cookies = mediaAccessCookies({ userId: 'user_a', siteOrigin: ORIGIN, secure: false, now: NOW }, signer);
    expect(check(MINE, sent(cookies, MINE))).toBeNull();
    expect(check('/media/user_a/face-thumbnails/img1/img1.0.jpeg', sent(cookies, MINE))).toBeNull();
    // The browser does not even send them for another user's path; sent anyway, they do not cover it.
    expect(sent(cookies, THEIRS)).toEqual({});
    expect(check(THEIRS, sent(cookies, MINE))?.code).toBe('AccessDenied');
    expect(check(MINE, sent(cookies, MINE), NOW + MEDIA_ACCESS_TTL_SECONDS * 1000)?.code).toBe('AccessDenied');
    expect(cookies.every((cookie) => cookie.httpOnly)).toBe(true);
  });
});
