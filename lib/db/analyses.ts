import { getDb } from './client';
import type { AnalysisItem } from './entities/analysis';
import { isConditionFailure } from './images';

type ImageKey = { userId: string; imageId: string };

// Asks for a fresh analysis of an image, replacing any earlier one.
export async function resetAnalysis(key: ImageKey): Promise<void> {
  await getDb().entities.analysis.put({ ...key, status: 'pending', requestedAt: Date.now() }).go();
}

// The analysis of one of the owner's images.
export async function findAnalysis(key: ImageKey): Promise<AnalysisItem | null> {
  const { data } = await getDb().entities.analysis.get(key).go();
  return data;
}

/** Takes the analysis of one input version; false for a duplicate delivery (see claimImageProcessing). */
export async function claimAnalysis(key: ImageKey, claim: { eTag: string; now: number; leaseMs: number }): Promise<boolean> {
  try {
    await getDb()
      .entities.analysis.patch(key)
      .set({ status: 'running', sourceETag: claim.eTag, leaseUntil: claim.now + claim.leaseMs })
      .remove(['failureReason'])
      .where(
        ({ sourceETag, status, leaseUntil }, { notExists, eq, ne, lt }) =>
          `${notExists(sourceETag)} OR ${ne(sourceETag, claim.eTag)} OR (${eq(status, 'running')} AND ${lt(leaseUntil, claim.now)})`,
      )
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

// Lets the next delivery retry at once, after a transient failure.
export async function releaseAnalysis(key: ImageKey, eTag: string): Promise<void> {
  await getDb()
    .entities.analysis.patch(key)
    .set({ leaseUntil: 0 })
    .where(({ sourceETag }, { eq }) => eq(sourceETag, eTag))
    .go()
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}

// Records how the analysis of eTag ended.
export async function completeAnalysis(
  key: ImageKey,
  eTag: string,
  outcome: { status: 'ready'; analyzer: string; report: unknown; crop: unknown } | { status: 'failed'; failureReason: string },
): Promise<void> {
  await getDb()
    .entities.analysis.patch(key)
    .set({ ...outcome, leaseUntil: 0 })
    .where(({ sourceETag }, { eq }) => eq(sourceETag, eTag))
    .go();
}

// Gives up on an analysis after its last attempt, and lets a redrive claim it again.
export async function markAnalysisDeadLettered(key: ImageKey, failureReason: string): Promise<void> {
  await getDb()
    .entities.analysis.patch(key)
    .set({ status: 'failed', failureReason, leaseUntil: 0 })
    .remove(['sourceETag'])
    .go()
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}

// Forgets the analysis of an image.
export async function deleteAnalysis(key: ImageKey): Promise<void> {
  await getDb().entities.analysis.delete(key).go();
}

// Shows a dead-lettered analysis as pending again once its event has been sent back to the queue.
export async function markAnalysisRequeued(key: ImageKey): Promise<void> {
  await getDb()
    .entities.analysis.patch(key)
    .set({ status: 'pending' })
    .remove(['failureReason'])
    .go()
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}
