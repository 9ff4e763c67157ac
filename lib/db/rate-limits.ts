import { getDb } from './client';

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
