import { getDb } from './client';
import { conditionally } from './conditions';
import type { ReadyPhotoItem, ReadyPhotoStatus } from './entities/ready-photo';

type ImageKey = { userId: string; imageId: string };

/** Queues a new ready photo for the image: a put, so an earlier result, failure or deletion mark is gone. */
export async function resetReadyPhoto(key: ImageKey, request: { options: unknown; requestedAt: number }): Promise<void> {
  await getDb().entities.readyPhoto.put({ ...key, status: 'queued', options: request.options, requestedAt: request.requestedAt }).go();
}

/** The ready photo of one of the owner's images; null before one was asked for. */
export async function findReadyPhoto(key: ImageKey): Promise<ReadyPhotoItem | null> {
  const { data } = await getDb().entities.readyPhoto.get(key).go();
  return data;
}

/** What the owner sees of a ready photo in flight or given up on; false when it is gone or being deleted. */
export async function setReadyPhotoStatus(
  key: ImageKey,
  update: { status: Extract<ReadyPhotoStatus, 'queued' | 'running'> } | { status: 'failed'; failureReason: string; failureCode: string },
): Promise<boolean> {
  const write = getDb().entities.readyPhoto.patch(key);
  const change = update.status === 'failed' ? write.set(update) : write.set(update).remove(['failureReason', 'failureCode']);
  return conditionally(change.where(({ deletingAt }, { notExists }) => notExists(deletingAt)).go({ response: 'none' }));
}

/** Records the finished ready photo; false when it was deleted, or asked for again, meanwhile (the request time no longer matches). */
export async function completeReadyPhoto(key: ImageKey, requestedAt: number, done: { result: unknown; outcome: unknown }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.readyPhoto.patch(key)
      .set({ status: 'ready', ...done })
      .where(({ deletingAt, requestedAt: asked }, { notExists, eq }) => `${notExists(deletingAt)} AND ${eq(asked, requestedAt)}`)
      .go({ response: 'none' }),
  );
}

/** Remembers the library photo made from the result, so the page links to it instead of offering it again. */
export async function recordSavedReadyPhoto(key: ImageKey, savedImageId: string): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.readyPhoto.patch(key)
      .set({ savedImageId })
      .where(({ deletingAt, status }, { notExists, eq }) => `${notExists(deletingAt)} AND ${eq(status, 'ready')}`)
      .go({ response: 'none' }),
  );
}

/** Marks the ready photo as being deleted, so a run in flight cannot complete it; false when there is none. */
export async function markReadyPhotoDeleting(key: ImageKey, now: number): Promise<boolean> {
  return conditionally(getDb().entities.readyPhoto.patch(key).set({ deletingAt: now }).go({ response: 'none' }));
}

/** Forgets an image's ready photo; an absent one is fine. */
export async function deleteReadyPhoto(key: ImageKey): Promise<void> {
  await getDb().entities.readyPhoto.delete(key).go();
}
