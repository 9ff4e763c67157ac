import { nanoid } from 'nanoid';
import { authSettings } from '../config';
import { deleteSession, findSession, insertSession } from '../db';
import { SESSION_TTL_SECONDS, signSession, verifySessionToken, type Session } from './session';

function localSecret(): string {
  const settings = authSettings();
  if (settings.mode !== 'local') throw new Error('Local sessions exist only with local accounts');
  return settings.local.secret;
}

// Starts a session for a local account that has just proved who it is; the token goes in its cookie.
export async function startSession(account: { userId: string; email: string }, now = Date.now()): Promise<{ session: Session; token: string }> {
  const session = { ...account, sessionId: nanoid(24) };
  await insertSession({ userId: account.userId, sessionId: session.sessionId, createdAt: now, expiresAt: Math.floor(now / 1000) + SESSION_TTL_SECONDS });
  return { session, token: await signSession(session, localSecret()) };
}

/** The session a cookie's token proves, if its signature holds and it has not been ended (signed out, password changed). */
export async function readSession(token: string | undefined, now = Date.now()): Promise<Session | null> {
  const session = await verifySessionToken(token, localSecret());
  if (!session) return null;
  return (await findSession(session.userId, session.sessionId, now)) ? session : null;
}

// Ends one session: its token stops working everywhere at once.
export async function endSession(session: Session): Promise<void> {
  await deleteSession(session.userId, session.sessionId);
}
