import { jwtVerify, SignJWT } from 'jose';
import { derivedKey } from '../config';
import { LIVE_TOKEN_TTL_SECONDS } from './limits';

const AUDIENCE = 'headshot:live';
const key = () => new Uint8Array(derivedKey('live-token'));

export interface LiveTokenClaims {
  userId: string;
  /** The local session it was issued to, which must still exist when it is used; Clerk's sessions have none here. */
  sessionId: string | null;
}

/**
 * A short-lived token that lets the browser open its live connection. The site issues it to a
 * signed-in user (Clerk's session or a local one); the authorizer, which never sees cookies, checks it.
 */
export async function issueLiveToken(claims: LiveTokenClaims, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(now / 1000);
  const token = await new SignJWT(claims.sessionId ? { sid: claims.sessionId } : {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LIVE_TOKEN_TTL_SECONDS)
    .sign(key());
  return { token, expiresAt: (issuedAt + LIVE_TOKEN_TTL_SECONDS) * 1000 };
}

/** The claims of a token this site issued and that has not expired; null for anything else. */
export async function verifyLiveToken(token: string, now = Date.now()): Promise<LiveTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { audience: AUDIENCE, algorithms: ['HS256'], currentDate: new Date(now) });
    if (typeof payload.sub !== 'string' || !payload.sub) return null;
    return { userId: payload.sub, sessionId: typeof payload.sid === 'string' ? payload.sid : null };
  } catch {
    return null;
  }
}
