import { getDb } from './client';
import type { SessionItem } from './entities/session';

/** Records a new session; the table's TTL removes it at expiresAt. */
export async function insertSession(session: SessionItem): Promise<void> {
  await getDb().entities.session.create(session).go({ response: 'none' });
}

/** One session of a user; null once it has expired, even while the TTL has not removed it yet. */
export async function findSession(userId: string, sessionId: string, now = Date.now()): Promise<SessionItem | null> {
  const { data } = await getDb().entities.session.get({ userId, sessionId }).go();
  return data && data.expiresAt * 1000 > now ? data : null;
}

/** Ends one session: its token stops counting at once. An absent session is fine. */
export async function deleteSession(userId: string, sessionId: string): Promise<void> {
  await getDb().entities.session.delete({ userId, sessionId }).go();
}

/** Ends every session of a user but one (the one that asked), or all of them; answers how many ended. */
export async function deleteSessionsExcept(userId: string, keepSessionId: string | null): Promise<number> {
  const { data } = await getDb().entities.session.query.byUser({ userId }).go({ pages: 'all', attributes: ['sessionId'] });
  const ended = data.filter((session) => session.sessionId !== keepSessionId).map((session) => ({ userId, sessionId: session.sessionId }));
  if (ended.length === 0) return 0;
  const { unprocessed } = await getDb().entities.session.delete(ended).go();
  if (unprocessed.length > 0) throw new Error(`${unprocessed.length} sessions were not ended; retry`);
  return ended.length;
}
