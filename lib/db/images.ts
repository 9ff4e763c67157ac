import type { ImageItem, ImageVariant } from './entities/image';
import { getDb, type Page } from './client';

type NewImage = Pick<ImageItem, 'userId' | 'imageId' | 'fileName' | 'declaredType' | 'declaredBytes' | 'originalKey'>;

// Records an upload that the browser is about to send.
export async function insertImage(image: NewImage): Promise<ImageItem> {
  const { data } = await getDb().entities.image.create({ ...image, status: 'uploading' }).go();
  return data;
}

// One image, only if it belongs to userId.
export async function findImage(userId: string, imageId: string): Promise<ImageItem | null> {
  const { data } = await getDb().entities.image.get({ userId, imageId }).go();
  return data;
}

// The owner's images, newest first, one page at a time.
export async function listImagesByOwner(userId: string, options: { cursor?: string | null; limit: number }): Promise<Page<ImageItem>> {
  const { data, cursor } = await getDb()
    .entities.image.query.byOwner({ userId })
    .go({ order: 'desc', limit: options.limit, cursor: options.cursor ?? null });
  return { items: data, cursor };
}

/**
 * Takes the processing of one object version. Succeeds for the first delivery of an eTag, and again
 * only when an earlier run's lease has run out (it crashed) or it released the lease (it failed
 * transiently). A duplicate delivery of a finished or running eTag gets false.
 */
export async function claimImageProcessing(
  key: { userId: string; imageId: string },
  claim: { eTag: string; now: number; leaseMs: number },
): Promise<boolean> {
  try {
    await getDb()
      .entities.image.patch(key)
      .set({ status: 'processing', sourceETag: claim.eTag, leaseUntil: claim.now + claim.leaseMs })
      .remove(['failureReason', 'failureCode'])
      .where(
        ({ sourceETag, status, leaseUntil }, { notExists, eq, ne, lt }) =>
          `${notExists(sourceETag)} OR ${ne(sourceETag, claim.eTag)} OR (${eq(status, 'processing')} AND ${lt(leaseUntil, claim.now)})`,
      )
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

// Lets the next delivery retry at once, after a transient failure.
export async function releaseImageProcessing(key: { userId: string; imageId: string }, eTag: string): Promise<void> {
  await getDb()
    .entities.image.patch(key)
    .set({ leaseUntil: 0 })
    .where(({ sourceETag }, { eq }) => eq(sourceETag, eTag))
    .go()
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}

type Outcome =
  | { status: 'ready'; details: Pick<ImageItem, 'format' | 'width' | 'height' | 'bytes' | 'hasAlpha' | 'animated' | 'placeholder' | 'camera'>; variants: ImageVariant[] }
  | { status: 'failed'; failureReason: string; failureCode: string };

// Records how processing of eTag ended, unless a newer upload has taken over the record.
export async function completeImageProcessing(key: { userId: string; imageId: string }, eTag: string, outcome: Outcome): Promise<void> {
  const values =
    outcome.status === 'ready'
      ? { status: 'ready' as const, ...outcome.details, variants: outcome.variants }
      : { status: 'failed' as const, failureReason: outcome.failureReason, failureCode: outcome.failureCode };
  await getDb()
    .entities.image.patch(key)
    .set({ ...values, leaseUntil: 0 })
    .where(({ sourceETag }, { eq }) => eq(sourceETag, eTag))
    .go();
}

// Marks an image failed before any processing claimed it (for example, an upload that never arrived intact).
export async function failImage(key: { userId: string; imageId: string }, failureReason: string, failureCode: string): Promise<void> {
  await getDb().entities.image.patch(key).set({ status: 'failed', failureReason, failureCode, leaseUntil: 0 }).go();
}

// Forgets an image record.
export async function deleteImageRecord(key: { userId: string; imageId: string }): Promise<void> {
  await getDb().entities.image.delete(key).go();
}

export function isConditionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } } | null)?.cause;
  return cause?.name === 'ConditionalCheckFailedException';
}

// Gives up on an image after its last attempt, and lets a redrive claim it again.
export async function markImageDeadLettered(key: { userId: string; imageId: string }, failureReason: string): Promise<void> {
  await getDb()
    .entities.image.patch(key)
    .set({ status: 'failed', failureReason, failureCode: DEAD_LETTER_CODE, leaseUntil: 0 })
    .remove(['sourceETag'])
    .go()
    .catch((error: unknown) => {
      // The image was deleted meanwhile: nothing to mark.
      if (!isConditionFailure(error)) throw error;
    });
}

/** The failure code of an image whose processing event sits in the dead-letter store. */
export const DEAD_LETTER_CODE = 'dead-letter';

// Shows a dead-lettered image as in flight again once its event has been sent back to the queue.
export async function markImageRequeued(key: { userId: string; imageId: string }): Promise<void> {
  await getDb()
    .entities.image.patch(key)
    .set({ status: 'processing' })
    .remove(['failureReason', 'failureCode'])
    .go()
    .catch((error: unknown) => {
      if (!isConditionFailure(error)) throw error;
    });
}
