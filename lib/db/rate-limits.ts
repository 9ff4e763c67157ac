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
