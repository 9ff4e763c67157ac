import { createHash } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import { jwtVerify, SignJWT } from 'jose';
import { derivedKey, requestSettings } from '../config';
import { linkPath } from './to-link';

/*
 * A visitor who gave a protected link's password carries a signed cookie that says so, for that link
 * only: its Path is the link's own (/s/{code}, so the browser sends it to the page and its files and
 * nowhere else), and its token names the code and the password it was earned with, so neither another
 * link's cookie nor one earned before a name was reused by someone else opens it. It lives an hour.
 */

export const LINK_ACCESS_COOKIE = 'headshot_link_access';
/** Long enough to look at a photo and come back to it; short enough that a shared cookie dies on its own. */
export const LINK_ACCESS_TTL_SECONDS = 60 * 60;

const ISSUER = 'headshot-link-access';

let key: Uint8Array | undefined;
function accessKey(): Uint8Array {
  key ??= new Uint8Array(derivedKey('link-access'));
  return key;
}

/** Which password a token was earned with, without carrying anything that helps to guess it. */
function passwordTag(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);
}

export async function signLinkAccess(code: string, passwordHash: string, now: number): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ pw: passwordTag(passwordHash) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(code)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LINK_ACCESS_TTL_SECONDS)
    .sign(accessKey());
}

/** Whether the token opens the link `code`, protected by `passwordHash`, at `now`. */
export async function hasLinkAccess(token: string | undefined, code: string, passwordHash: string, now: number): Promise<boolean> {
  if (!token) return false;
  try {
    const { payload } = await jwtVerify(token, accessKey(), { issuer: ISSUER, subject: code, algorithms: ['HS256'], currentDate: new Date(now) });
    return payload.pw === passwordTag(passwordHash);
  } catch {
    return false;
  }
}

/** The access token a request's Cookie header carries, if any. */
export function linkAccessToken(headers: { get(name: string): string | null }): string | undefined {
  const header = headers.get('cookie');
  return header ? parseCookies(header)[LINK_ACCESS_COOKIE] : undefined;
}

export interface LinkAccessCookie {
  name: string;
  value: string;
  path: string;
  maxAge: number;
  httpOnly: true;
  secure: boolean;
  sameSite: 'lax';
}

/** The cookie that carries a token: for the link's paths only, unreadable by scripts, over https except on the local cloud. */
export function linkAccessCookie(code: string, token: string): LinkAccessCookie {
  return { name: LINK_ACCESS_COOKIE, value: token, path: linkPath(code), maxAge: LINK_ACCESS_TTL_SECONDS, httpOnly: true, secure: !requestSettings().localCloud, sameSite: 'lax' };
}
