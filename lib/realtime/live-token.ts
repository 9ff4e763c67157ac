import { jwtVerify, SignJWT } from 'jose';
import { authSettings, liveSettings } from '../config';
import { liveTokenKeyOf } from './live-token-key';

const AUDIENCE = 'headshot:live';
/** The key infra/ gave this function, or the one derived from the sign-in secret (the site, the local cloud). */
const key = () => new Uint8Array(liveSettings().tokenKey ?? liveTokenKeyOf(authSettings().keyMaterial));

export interface LiveTokenClaims {
  userId: string;
  /** The local session it was issued to, which must still exist when it is used; Clerk's sessions have none here. */
  sessionId: string | null;
}

/** A token's claims, with when it was issued and when it stops being accepted (epoch seconds). */
export interface VerifiedLiveToken extends LiveTokenClaims {
  issuedAt: number;
  expiresAt: number;
}

/**
 * A short-lived token that lets the browser open its live connection. The site issues it to a
 * signed-in user (Clerk's session or a local one); the authorizer, which never sees cookies, checks it.
 */
export async function issueLiveToken(claims: LiveTokenClaims, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(now / 1000);
  const ttl = liveSettings().tokenTtlSeconds;
  const token = await new SignJWT(claims.sessionId ? { sid: claims.sessionId } : {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .sign(key());
  return { token, expiresAt: (issuedAt + ttl) * 1000 };
}

/** The claims of a token this site issued and that has not expired; null for anything else. */
export async function verifyLiveToken(token: string, now = Date.now()): Promise<VerifiedLiveToken | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { audience: AUDIENCE, algorithms: ['HS256'], currentDate: new Date(now), requiredClaims: ['iat', 'exp'] });
    if (typeof payload.sub !== 'string' || !payload.sub || payload.iat === undefined || payload.exp === undefined) return null;
    return { userId: payload.sub, sessionId: typeof payload.sid === 'string' ? payload.sid : null, issuedAt: payload.iat, expiresAt: payload.exp };
  } catch {
    return null;
  }
}
