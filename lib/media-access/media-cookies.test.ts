import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MEDIA_ACCESS_NOTE_COOKIE, MEDIA_ACCESS_TTL_SECONDS, mediaAccessCookies, mediaAccessNeedsRenewal, staleMediaAccessCookies } from './media-cookies';

const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const signer = { keyPairId: 'K2JCJMDEHXQW5F', privateKey };
const NOW = Date.UTC(2026, 11, 7, 10, 0, 0);

function policyOf(value: string) {
  return JSON.parse(Buffer.from(value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString('utf8'));
}

describe('media cookies', () => {
  it("cover the user's own prefix on this origin until the grant's end, scoped by Path to that prefix", () => {
    const cookies = mediaAccessCookies({ userId: 'usr_abc', siteOrigin: 'https://photos.example.com/', secure: true, now: NOW }, signer);
    const byName = Object.fromEntries(cookies.map((cookie) => [cookie.name, cookie]));
    expect(policyOf(byName['CloudFront-Policy']!.value)).toEqual({
      Statement: [{ Resource: 'http*://photos.example.com/media/usr_abc/*', Condition: { DateLessThan: { 'AWS:EpochTime': NOW / 1000 + MEDIA_ACCESS_TTL_SECONDS } } }],
    });
    for (const name of ['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id']) {
      expect(byName[name]).toMatchObject({ path: '/media/usr_abc/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: MEDIA_ACCESS_TTL_SECONDS });
    }
    expect(byName['CloudFront-Key-Pair-Id']!.value).toBe('K2JCJMDEHXQW5F');
    expect(byName[MEDIA_ACCESS_NOTE_COOKIE]).toMatchObject({ path: '/', value: `${NOW / 1000 + MEDIA_ACCESS_TTL_SECONDS}.usr_abc` });
  });

  it('refuse a user id with a wildcard, and an origin that is not a URL', () => {
    expect(() => mediaAccessCookies({ userId: 'usr_*', siteOrigin: 'https://photos.example.com', secure: true, now: NOW }, signer)).toThrow();
    expect(() => mediaAccessCookies({ userId: 'usr_abc', siteOrigin: 'photos.example.com', secure: true, now: NOW }, signer)).toThrow();
  });

  it('are renewed when the browser has none for this user, or less than half their life is left', () => {
    const [note] = mediaAccessCookies({ userId: 'usr_abc', siteOrigin: 'http://localhost:3000', secure: false, now: NOW }, signer).filter((cookie) => cookie.name === MEDIA_ACCESS_NOTE_COOKIE);
    expect(mediaAccessNeedsRenewal(note!.value, 'usr_abc', NOW)).toBe(false);
    expect(mediaAccessNeedsRenewal(note!.value, 'usr_abc', NOW + (MEDIA_ACCESS_TTL_SECONDS / 2 - 1) * 1000)).toBe(false);
    expect(mediaAccessNeedsRenewal(note!.value, 'usr_abc', NOW + (MEDIA_ACCESS_TTL_SECONDS / 2 + 1) * 1000)).toBe(true);
    expect(mediaAccessNeedsRenewal(note!.value, 'usr_other', NOW)).toBe(true);
    expect(mediaAccessNeedsRenewal(undefined, 'usr_abc', NOW)).toBe(true);
    expect(mediaAccessNeedsRenewal('garbage', 'usr_abc', NOW)).toBe(true);
  });

  it("are taken away once nobody, or someone else, is signed in where they were given, and only then", () => {
    const note = `${NOW / 1000 + MEDIA_ACCESS_TTL_SECONDS}.usr_abc`;
    expect(staleMediaAccessCookies(note, 'usr_abc', true)).toEqual([]);
    expect(staleMediaAccessCookies(undefined, null, true)).toEqual([]);
    expect(staleMediaAccessCookies('1.usr_*', null, true)).toEqual([]);
    for (const signedIn of [null, 'usr_other']) {
      const stale = staleMediaAccessCookies(note, signedIn, true);
      expect(stale.map(({ name, path, value, maxAge }) => ({ name, path, value, maxAge }))).toEqual([
        { name: 'CloudFront-Policy', path: '/media/usr_abc/', value: '', maxAge: 0 },
        { name: 'CloudFront-Signature', path: '/media/usr_abc/', value: '', maxAge: 0 },
        { name: 'CloudFront-Key-Pair-Id', path: '/media/usr_abc/', value: '', maxAge: 0 },
        { name: MEDIA_ACCESS_NOTE_COOKIE, path: '/', value: '', maxAge: 0 },
      ]);
    }
  });
});
