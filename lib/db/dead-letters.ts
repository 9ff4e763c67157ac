import { getDb, type Page } from './client';
import type { DeadLetterItem } from './entities/dead-letter';

/** Keeps a job given up on; storing the same dead letter again changes nothing. */
export async function putDeadLetter(item: Omit<DeadLetterItem, 'createdAt'> & { createdAt: number }): Promise<void> {
  await getDb().entities.deadLetter.put(item).go({ response: 'none' });
}

/** All of the owner's dead letters at once, in id order, not by time. */
export async function listDeadLettersByOwner(userId: string): Promise<DeadLetterItem[]> {
  const { data } = await getDb().entities.deadLetter.query.byOwner({ userId }).go({ pages: 'all' });
  return data;
}

/** Every dead letter, oldest first, for redrive; read from gsi1, so one stored a moment ago may be missing. */
export async function listAllDeadLetters(options: { cursor?: string | null; limit: number }): Promise<Page<DeadLetterItem>> {
  const { data, cursor } = await getDb().entities.deadLetter.query.all({}).go({ limit: options.limit, cursor: options.cursor ?? null });
  return { items: data, cursor };
}

/** One of the owner's dead letters; null when it is gone or not theirs. */
export async function findDeadLetter(userId: string, deadLetterId: string): Promise<DeadLetterItem | null> {
  const { data } = await getDb().entities.deadLetter.get({ userId, deadLetterId }).go();
  return data;
}

/** Forgets a dead letter once it has been replayed, or its subject deleted; an absent one is fine. */
export async function deleteDeadLetter(userId: string, deadLetterId: string): Promise<void> {
  await getDb().entities.deadLetter.delete({ userId, deadLetterId }).go();
}
