import { getDb } from './client';
import { conditionally } from './conditions';
import type { WatermarkRerenderItem, WatermarkRerenderStatus } from './entities/watermark-rerender';

type Watermark = WatermarkRerenderItem['watermark'];

/** Which request, and which pass of it, a run works for: its writes apply only while both are still current. */
export interface RerenderPassRef {
  userId: string;
  requestedAt: number;
  settingsSavedAt: number;
}

/** The user's watermark re-render; null before they first asked for one. */
export async function findWatermarkRerender(userId: string): Promise<WatermarkRerenderItem | null> {
  const { data } = await getDb().entities.watermarkRerender.get({ userId }).go();
  return data;
}

/**
 * Queues a new re-render with its first pass, replacing a finished or failed one; false while one is
 * queued or running, so that asking twice at once starts one. An account deletion removes the record;
 * every write below is a patch, which fails once it is gone.
 */
export async function startWatermarkRerender(userId: string, request: { requestedAt: number; watermark: Watermark; settingsSavedAt: number; photosTotal: number }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.watermarkRerender.put({ userId, status: 'queued', photosDone: 0, ...request })
      .where(({ status }, { eq, notExists }) => `${notExists(status)} OR ${eq(status, 'done')} OR ${eq(status, 'failed')}`)
      .go({ response: 'none' }),
  );
}

/** What the owner sees of a re-render in flight or given up on; false when there is none. */
export async function setWatermarkRerenderStatus(
  userId: string,
  update: { status: Extract<WatermarkRerenderStatus, 'queued' | 'running'> } | { status: 'failed'; failureReason: string; failureCode: string },
): Promise<boolean> {
  const write = getDb().entities.watermarkRerender.patch({ userId });
  const change = update.status === 'failed' ? write.set(update) : write.set(update).remove(['failureReason', 'failureCode']);
  return conditionally(change.go({ response: 'none' }));
}

/** Starts the request's pass over again for settings saved since: from the newest photo, with nothing done. False when the request is no longer current. */
export async function restartRerenderPass(pass: RerenderPassRef, next: { watermark: Watermark; settingsSavedAt: number; photosTotal: number }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.watermarkRerender.patch({ userId: pass.userId })
      .set({ ...next, photosDone: 0 })
      .remove(['doneThrough', 'boundaryIds', 'pending'])
      .where(({ requestedAt }, { eq }) => eq(requestedAt, pass.requestedAt))
      .go({ response: 'none' }),
  );
}

/** Records how far the pass has come; false when the request or its pass is no longer current, or the record is gone. */
export async function saveRerenderProgress(
  pass: RerenderPassRef,
  progress: Pick<WatermarkRerenderItem, 'photosDone' | 'doneThrough' | 'boundaryIds' | 'pending'>,
): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.watermarkRerender.patch({ userId: pass.userId })
      .set(progress)
      .where(({ requestedAt, settingsSavedAt }, { eq }) => `${eq(requestedAt, pass.requestedAt)} AND ${eq(settingsSavedAt, pass.settingsSavedAt)}`)
      .go({ response: 'none' }),
  );
}

/** Marks the pass finished: the user's photos carry its settings. False when it is no longer current, or the record is gone. */
export async function finishWatermarkRerender(pass: RerenderPassRef, now: number): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.watermarkRerender.patch({ userId: pass.userId })
      .set({ status: 'done', finishedAt: now, pending: [] })
      .where(({ requestedAt, settingsSavedAt }, { eq }) => `${eq(requestedAt, pass.requestedAt)} AND ${eq(settingsSavedAt, pass.settingsSavedAt)}`)
      .go({ response: 'none' }),
  );
}
