import { getDb } from './client';
import { conditionally } from './conditions';
import type { IdempotencyRecordItem } from './entities/idempotency-record';

/**
 * Takes a key for one request, in one conditional put: true when nobody holds it, or its record has
 * outlived its 24 hours (the TTL removes items late), or it is still pending from a claim made before
 * `abandonedBefore` (its request died); false otherwise.
 */
export async function claimIdempotencyRecord(
  record: { userId: string; idempotencyKey: string; fingerprint: string; claimedAt: number; expiresAt: number },
  nowSeconds: number,
  abandonedBefore: number,
): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.idempotencyRecord.put({ ...record, state: 'pending' })
      .where(({ fingerprint, expiresAt, state, claimedAt }, { notExists, lte, eq, lt }) => `${notExists(fingerprint)} OR ${lte(expiresAt, nowSeconds)} OR (${eq(state, 'pending')} AND ${lt(claimedAt, abandonedBefore)})`)
      .go({ response: 'none' }),
  );
}

/** The record of one key, read consistently: a retry right after the first answer must see it. */
export async function findIdempotencyRecord(userId: string, idempotencyKey: string): Promise<IdempotencyRecordItem | null> {
  const { data } = await getDb().entities.idempotencyRecord.get({ userId, idempotencyKey }).go({ consistent: true });
  return data;
}

/** Keeps the first answer, for the request that claimed the key (its fingerprint) only. */
export async function completeIdempotencyRecord(userId: string, idempotencyKey: string, fingerprint: string, answer: { status: number; body: string }): Promise<void> {
  await conditionally(
    getDb()
      .entities.idempotencyRecord.patch({ userId, idempotencyKey })
      .set({ state: 'done', status: answer.status, body: answer.body })
      .where(({ fingerprint: stored, state }, { eq }) => `${eq(stored, fingerprint)} AND ${eq(state, 'pending')}`)
      .go({ response: 'none' }),
  );
}

/** Lets the key go again after a request that answered an error: a retry then runs anew. */
export async function releaseIdempotencyRecord(userId: string, idempotencyKey: string, fingerprint: string): Promise<void> {
  await conditionally(
    getDb()
      .entities.idempotencyRecord.delete({ userId, idempotencyKey })
      .where(({ fingerprint: stored, state }, { eq }) => `${eq(stored, fingerprint)} AND ${eq(state, 'pending')}`)
      .go({ response: 'none' }),
  );
}
