import { getDb } from './client';
import { conditionally } from './conditions';

/**
 * Adds hits to one rate-limit window and returns its new total. The ADD is atomic on the item, so
 * concurrent callers (any number of Lambda instances) each see a distinct, increasing total.
 */
export async function addRateLimitHits(
  window: { scope: string; subject: string; windowStart: number; expiresAt: number },
  hits: number,
): Promise<number> {
  const { scope, subject, windowStart, expiresAt } = window;
  const { data } = await getDb()
    .entities.rateLimitWindow.update({ scope, subject, windowStart })
    .add({ hits })
    .set({ expiresAt })
    .go({ response: 'updated_new' });
  return data.hits ?? hits;
}

/** Every window of one counter (a rule's scope and one subject): an account deletion takes its counters too. */
export async function deleteRateLimitWindows(scope: string, subject: string): Promise<void> {
  const { data } = await getDb().entities.rateLimitWindow.query.byWindow({ scope, subject }).go({ pages: 'all' });
  if (data.length > 0) await getDb().entities.rateLimitWindow.delete(data.map(({ scope, subject, windowStart }) => ({ scope, subject, windowStart }))).go();
}

/** A backoff counter's state: failures counted, when the next attempt may come (epoch ms), when it is forgotten (epoch s). */
export interface BackoffState {
  failures: number;
  blockedUntil: number;
  expiresAt: number;
}

const BACKOFF_WINDOW = 0;

/** One subject's backoff counter under a scope, or null when it has none. */
export async function findBackoff(scope: string, subject: string): Promise<BackoffState | null> {
  const { data } = await getDb().entities.rateLimitWindow.get({ scope, subject, windowStart: BACKOFF_WINDOW }).go();
  return data ? { failures: data.hits ?? 0, blockedUntil: data.blockedUntil ?? 0, expiresAt: data.expiresAt ?? 0 } : null;
}

/**
 * Writes a backoff counter only if it still counts `seen` failures, so of concurrent attempts that read
 * the same state exactly one moves it on; false for the others, which read it again.
 */
export async function replaceBackoff(scope: string, subject: string, seen: number, next: BackoffState): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.rateLimitWindow.update({ scope, subject, windowStart: BACKOFF_WINDOW })
      .set({ hits: next.failures, blockedUntil: next.blockedUntil, expiresAt: next.expiresAt })
      .where((attr, op) => (seen === 0 ? `${op.notExists(attr.hits)} OR ${op.eq(attr.hits, 0)}` : op.eq(attr.hits, seen)))
      .go({ response: 'none' }),
  );
}
