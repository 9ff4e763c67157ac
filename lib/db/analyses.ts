import { getDb, type Page } from './client';
import { conditionally } from './conditions';
import type { AnalysisItem, AnalysisStatus } from './entities/analysis';

type ImageKey = { userId: string; imageId: string };

/** Makes the image's analysis pending afresh: a put, so the earlier report, failure and any deletion mark are gone. */
export async function resetAnalysis(key: ImageKey): Promise<void> {
  await getDb().entities.analysis.put({ ...key, status: 'pending', requestedAt: Date.now() }).go();
}

/** The analysis of one of the owner's images; null before one was asked for. */
export async function findAnalysis(key: ImageKey): Promise<AnalysisItem | null> {
  const { data } = await getDb().entities.analysis.get(key).go();
  return data;
}

/** What the owner sees of an analysis in flight or given up on; false when it is gone or being deleted. */
export async function setAnalysisStatus(
  key: ImageKey,
  update: { status: Extract<AnalysisStatus, 'pending' | 'running'> } | { status: 'failed'; failureReason: string; failureCode: string },
): Promise<boolean> {
  const write = getDb().entities.analysis.patch(key);
  const change = update.status === 'failed' ? write.set(update) : write.set(update).remove(['failureReason', 'failureCode']);
  return conditionally(change.where(({ deletingAt }, { notExists }) => notExists(deletingAt)).go({ response: 'none' }));
}

/** Records the finished analysis; false when it was deleted meanwhile. */
export async function completeAnalysis(key: ImageKey, result: { analyzer: string; report: unknown; crop: unknown }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.analysis.patch(key)
      .set({ status: 'ready', ...result })
      .where(({ deletingAt }, { notExists }) => notExists(deletingAt))
      .go({ response: 'none' }),
  );
}

/** Marks the analysis as being deleted, so a run in flight cannot complete it (see markImageDeleting); false when there is none. */
export async function markAnalysisDeleting(key: ImageKey, now: number): Promise<boolean> {
  return conditionally(getDb().entities.analysis.patch(key).set({ deletingAt: now }).go({ response: 'none' }));
}

/** Forgets an image's analysis; an absent one is fine, and a run still in flight cannot write it back (its writes are patches). */
export async function deleteAnalysis(key: ImageKey): Promise<void> {
  await getDb().entities.analysis.delete(key).go();
}

/** Every analysis of every user, a page at a time, by Scan: for operators' checks only. */
export async function scanAnalyses(options: { cursor?: string | null; limit: number }): Promise<Page<AnalysisItem>> {
  const { data, cursor } = await getDb().entities.analysis.scan.go({ limit: options.limit, cursor: options.cursor ?? null });
  return { items: data, cursor };
}
