import { jwtVerify, SignJWT } from 'jose';

export const SESSION_COOKIE = 'headshot_session';
/** A week: long enough not to nag, short enough that a stolen cookie dies on its own. */
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

const ISSUER = 'headshot-local';

export interface Session {
  userId: string;
  email: string;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signSession(session: Session, secret: string): Promise<string> {
  return new SignJWT({ email: session.email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(session.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${SESSION_TTL_SECONDS}s`)
    .sign(key(secret));
}

/** The session a cookie proves, or null for a missing, forged or expired one. */
export async function verifySession(token: string | undefined, secret: string): Promise<Session | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') return null;
    return { userId: payload.sub, email: payload.email };
  } catch {
    return null;
  }
}

/** Cookie attributes: unreadable by scripts, not sent on cross-site subrequests. */
export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', maxAge: SESSION_TTL_SECONDS };
}
