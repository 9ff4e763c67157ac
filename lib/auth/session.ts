import { jwtVerify, SignJWT } from 'jose';

export const SESSION_COOKIE = 'headshot_session';
/** A week: long enough not to nag, short enough that a stolen cookie dies on its own. */
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

const ISSUER = 'headshot-local';

/** A local account's signed-in session, as its cookie proves it. */
export interface Session {
  userId: string;
  email: string;
  /** The session item the token names (lib/db/entities/session.ts); the token counts only while it exists. */
  sessionId: string;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signSession(session: Session, secret: string): Promise<string> {
  return new SignJWT({ email: session.email, sid: session.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(session.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${SESSION_TTL_SECONDS}s`)
    .sign(key(secret));
}

/** The session a cookie's token names, when its signature and expiry hold; null for a missing, forged or expired one. It says nothing of revocation (see readSession). */
export async function verifySessionToken(token: string | undefined, secret: string): Promise<Session | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.email !== 'string' || typeof payload.sid !== 'string') return null;
    return { userId: payload.sub, email: payload.email, sessionId: payload.sid };
  } catch {
    return null;
  }
}

/** Cookie attributes: unreadable by scripts, not sent on cross-site subrequests. */
export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', maxAge: SESSION_TTL_SECONDS };
}
