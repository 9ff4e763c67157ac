import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import { isMediaUserId, userMediaPath } from '../storage/media-paths';
import { mediaAccessInput, type MediaAccessInput, type MediaCookie, type MediaSigner } from './schemas';

/**
 * How long one grant of media access lasts. A page renders its media paths and the browser fetches
 * them at once or as the user scrolls; any page or action of the site renews the grant once it is
 * half gone (mediaAccessNeedsRenewal), so an open tab keeps it, and a stolen cookie dies on its own.
 */
export const MEDIA_ACCESS_TTL_SECONDS = 2 * 60 * 60;
/** A grant with less than this left is renewed on the next request that reaches the site. */
export const MEDIA_ACCESS_RENEW_BEFORE_SECONDS = MEDIA_ACCESS_TTL_SECONDS / 2;

/**
 * The site's note of the grant it last gave this browser: `<expiry, epoch seconds>.<userId>`. The
 * signed cookies are scoped to /media/<userId>/, so the browser never sends them to a page; this one
 * is sent to every page, and tells the proxy when to sign again. It grants nothing: a forged one at
 * most stops the renewal of its own browser's access.
 */
export const MEDIA_ACCESS_NOTE_COOKIE = 'headshot_media_until';

/**
 * CloudFront's signed cookies for one user: a custom policy whose one resource is every path under
 * /media/<userId>/ on this site's host, until the grant's expiry, signed with the distribution's key
 * pair. The scheme is left open (`http*`): the host alone names the site, and what the site sees as its
 * own scheme behind CloudFront need not be what the viewer used. The cookies are sent with media
 * requests only (their Path), never readable by scripts.
 */
export function mediaAccessCookies(input: MediaAccessInput, signer: MediaSigner): MediaCookie[] {
  const { userId, siteOrigin, secure, now } = mediaAccessInput.parse(input);
  const expires = Math.floor(now / 1000) + MEDIA_ACCESS_TTL_SECONDS;
  const path = userMediaPath(userId);
  const policy = JSON.stringify({ Statement: [{ Resource: `http*://${new URL(siteOrigin).host}${path}*`, Condition: { DateLessThan: { 'AWS:EpochTime': expires } } }] });
  const signed = getSignedCookies({ policy, keyPairId: signer.keyPairId, privateKey: signer.privateKey });
  const attributes = { maxAge: MEDIA_ACCESS_TTL_SECONDS, httpOnly: true, secure, sameSite: 'lax' } as const;
  return [
    { name: 'CloudFront-Policy', value: signed['CloudFront-Policy']!, path, ...attributes },
    { name: 'CloudFront-Signature', value: signed['CloudFront-Signature'], path, ...attributes },
    { name: 'CloudFront-Key-Pair-Id', value: signed['CloudFront-Key-Pair-Id'], path, ...attributes },
    { name: MEDIA_ACCESS_NOTE_COOKIE, value: `${expires}.${userId}`, path: '/', ...attributes },
  ];
}

function readNote(note: string | undefined): { expires: number; userId: string } | null {
  const match = /^(\d{1,12})\.(.+)$/.exec(note ?? '');
  return match && isMediaUserId(match[2]!) ? { expires: Number(match[1]), userId: match[2]! } : null;
}

/** Whether the browser whose note this is needs new media cookies for `userId`: none yet, another user's, or half gone. */
export function mediaAccessNeedsRenewal(note: string | undefined, userId: string, now: number): boolean {
  const noted = readNote(note);
  if (!noted || noted.userId !== userId) return true;
  return noted.expires - now / 1000 < MEDIA_ACCESS_RENEW_BEFORE_SECONDS;
}

/**
 * The cookies that take a browser's media access away once nobody, or someone else, is signed in
 * there (after signing out): CloudFront's three for the user its note names, and the note, expired.
 * None when the note names `signedIn`, or nobody.
 */
export function staleMediaAccessCookies(note: string | undefined, signedIn: string | null, secure: boolean): MediaCookie[] {
  const noted = readNote(note);
  if (!noted || noted.userId === signedIn) return [];
  const expired = { value: '', maxAge: 0, httpOnly: true, secure, sameSite: 'lax' } as const;
  const path = userMediaPath(noted.userId);
  return [
    ...['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id'].map((name) => ({ name, path, ...expired })),
    { name: MEDIA_ACCESS_NOTE_COOKIE, path: '/', ...expired },
  ];
}
