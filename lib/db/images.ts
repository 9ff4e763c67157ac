import type { FaceIndexState, ImageItem, ImageStatus, ImageVariant } from './entities/image';
import { getDb, type Page } from './client';
import { conditionalResult, conditionally } from './conditions';
import { checkedCursor } from './cursor';

type NewImage = Pick<ImageItem, 'userId' | 'imageId' | 'fileName' | 'declaredType' | 'declaredBytes' | 'originalKey' | 'quotaBytes'>;
type ImageKey = { userId: string; imageId: string };

/** Records an upload that the browser is about to send, as uploading. */
export async function insertImage(image: NewImage): Promise<ImageItem> {
  const { data } = await getDb().entities.image.create({ ...image, status: 'uploading' }).go();
  return data;
}

/** One image, only if it belongs to userId (null otherwise); one being deleted is returned too, with deletingAt set. */
export async function findImage(userId: string, imageId: string): Promise<ImageItem | null> {
  const { data } = await getDb().entities.image.get({ userId, imageId }).go();
  return data;
}

/** The owner's images, newest first, a page at a time, those being deleted included; read from gsi1, so the newest may lag a moment. A cursor not of this list reads the first page. */
export async function listImagesByOwner(userId: string, options: { cursor?: string | null; limit: number }): Promise<Page<ImageItem>> {
  const { image } = getDb().entities;
  const { data, cursor } = await image.query.byOwner({ userId }).go({ order: 'desc', limit: options.limit, cursor: checkedCursor(image, 'byOwner', { userId }, options.cursor) });
  return { items: data, cursor };
}

/** Every image of every user, a page at a time: for operators' checks only (a Scan, which no function is granted). */
export async function scanImages(options: { cursor?: string | null; limit: number }): Promise<Page<ImageItem>> {
  const { data, cursor } = await getDb().entities.image.scan.go({ limit: options.limit, cursor: options.cursor ?? null });
  return { items: data, cursor };
}

/** The failure codes of an upload its browser gave up on: its owner cancelled it, or its PUT to storage failed. */
export const ABANDONED_UPLOAD_CODES = ['cancelled', 'upload-failed'] as const;
export type AbandonedUploadCode = (typeof ABANDONED_UPLOAD_CODES)[number];

/**
 * Sets what the owner sees of an image in flight or given up on: processing, or failed with a
 * sentence. False when the image is gone or being deleted, so a late run cannot bring it back, and,
 * for processing, when its browser gave the upload up: a run that claimed the job just before the
 * job was dropped must not revive it. A ready image is left as it is, and answers true: it exists.
 */
export async function setImageStatus(
  key: ImageKey,
  update: { status: Extract<ImageStatus, 'processing'> } | { status: 'failed'; failureReason: string; failureCode: string },
): Promise<boolean> {
  const write = getDb().entities.image.patch(key);
  // A ready photo stays ready: a run that finished it may have died before the job's ledger heard, and its redo or give-up must not undo it.
  const changed =
    update.status === 'failed'
      ? await conditionally(write.set(update).where(({ deletingAt, status }, { notExists, ne }) => `${notExists(deletingAt)} AND ${ne(status, 'ready')}`).go({ response: 'none' }))
      : await conditionally(
          write
            .set(update)
            .remove(['failureReason', 'failureCode'])
            .where(
              ({ deletingAt, failureCode, status }, { notExists, ne }) =>
                `${notExists(deletingAt)} AND ${ne(status, 'ready')} AND (${notExists(failureCode)} OR (${ABANDONED_UPLOAD_CODES.map((code: string) => ne(failureCode, code)).join(' AND ')}))`,
            )
            .go({ response: 'none' }),
        );
  if (changed) return true;
  const image = await findImage(key.userId, key.imageId);
  return image?.status === 'ready' && !image.deletingAt;
}

/**
 * Fails an upload whose bytes will not come, only while it is still uploading and not being deleted.
 * False otherwise: a run that took the bytes meanwhile has made it the owner's photo, or a deletion
 * owns the record, and either must not be overwritten.
 */
export async function markUploadAbandoned(key: ImageKey, failure: { failureReason: string; failureCode: AbandonedUploadCode }): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.image.patch(key)
      .set({ status: 'failed', ...failure })
      .where(({ status, deletingAt }, { eq, notExists }) => `${eq(status, 'uploading')} AND ${notExists(deletingAt)}`)
      .go({ response: 'none' }),
  );
}

export type ImageOutcome =
  | {
      status: 'ready';
      details: Pick<ImageItem, 'format' | 'width' | 'height' | 'bytes' | 'hasAlpha' | 'animated' | 'placeholder' | 'blurDataUrl' | 'camera'>;
      variants: ImageVariant[];
    }
  | { status: 'failed'; failureReason: string; failureCode: string };

/** What a failed image no longer shows: the thumbnail recorded early belongs to files that are deleted. */
const PREVIEW_ATTRIBUTES = ['variants', 'placeholder', 'blurDataUrl'] as const;

/** Records how processing ended; false when the image was deleted meanwhile. */
export async function completeImageProcessing(key: ImageKey, outcome: ImageOutcome): Promise<boolean> {
  const write = getDb().entities.image.patch(key);
  const change =
    outcome.status === 'ready'
      ? write.set({ status: 'ready', ...outcome.details, variants: outcome.variants })
      : write.set({ status: 'failed', failureReason: outcome.failureReason, failureCode: outcome.failureCode }).remove([...PREVIEW_ATTRIBUTES]);
  return conditionally(change.where(({ deletingAt }, { notExists }) => notExists(deletingAt)).go({ response: 'none' }));
}

/**
 * Records the thumbnail of an image still processing, so that the grid shows the picture while the
 * larger sizes are being made. The status stays `processing`. False when the image is no longer
 * processing (finished, failed or being deleted).
 */
export async function recordThumbnail(key: ImageKey, thumbnail: Required<Pick<ImageItem, 'variants' | 'placeholder' | 'blurDataUrl'>>): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.image.patch(key)
      .set(thumbnail)
      .where(({ status, deletingAt }, { eq, notExists }) => `${eq(status, 'processing')} AND ${notExists(deletingAt)}`)
      .go({ response: 'none' }),
  );
}

/**
 * Records where finding the image's faces stands: queued, running, done with a count, or failed with
 * a sentence. False when the image is gone or being deleted.
 */
export async function setFaceIndexState(key: ImageKey, state: FaceIndexState): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.image.patch(key)
      .set({ faceIndex: state })
      .where(({ deletingAt }, { notExists }) => notExists(deletingAt))
      .go({ response: 'none' }),
  );
}

/**
 * Marks an image as being deleted, before any of its objects go: from then on no run can complete
 * it, so nothing a run writes afterwards outlives the deletion. False when there is no such image.
 */
export async function markImageDeleting(key: ImageKey, now: number): Promise<boolean> {
  return conditionally(getDb().entities.image.patch(key).set({ deletingAt: now }).go({ response: 'none' }));
}

/**
 * Takes the image's share of its owner's storage quota off the record (it becomes 0), for the caller
 * to give back: the bytes it held, or null when it holds none (already given back, never counted, or
 * gone). The write is conditional, so of two releases racing, one gets the bytes.
 */
export async function takeImageQuota(key: ImageKey): Promise<number | null> {
  const old = await conditionalResult(
    getDb()
      .entities.image.patch(key)
      .set({ quotaBytes: 0 })
      .where(({ quotaBytes }, { gt }) => gt(quotaBytes, 0))
      .go({ response: 'all_old' }),
  );
  return old?.data.quotaBytes || null;
}

/**
 * Marks a photo added before quotas existed as holding its declared bytes, for the caller to count;
 * false when it already holds a share or has given it back, so that the migration counts it once.
 */
export async function markImageCounted(key: ImageKey, bytes: number): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.image.patch(key)
      .set({ quotaBytes: bytes })
      .where(({ quotaBytes, deletingAt }, { notExists }) => `${notExists(quotaBytes)} AND ${notExists(deletingAt)}`)
      .go({ response: 'none' }),
  );
}

/** Forgets an image record; an absent one is fine. It goes last in a deletion, so a deletion that failed halfway can be retried from it. */
export async function deleteImageRecord(key: ImageKey): Promise<void> {
  await getDb().entities.image.delete(key).go();
}

/** Some of the user's images, by id; those that are gone are left out. */
export async function getImages(userId: string, imageIds: string[]): Promise<ImageItem[]> {
  if (imageIds.length === 0) return [];
  const { data, unprocessed } = await getDb().entities.image.get(imageIds.map((imageId) => ({ userId, imageId }))).go();
  if (unprocessed.length > 0) throw new Error(`${unprocessed.length} images were not read; retry`);
  return data;
}

/**
 * The owner's images uploaded before a time (or at it, with `inclusive`), newest first, a page at a
 * time, those being deleted included; read from gsi1, whose sort key is the upload time.
 */
export async function listImagesOlderThan(
  userId: string,
  bound: { createdAt: number; inclusive: boolean },
  options: { cursor?: string | null; limit: number },
): Promise<Page<ImageItem>> {
  const query = getDb().entities.image.query.byOwner({ userId });
  const older = bound.inclusive ? query.lte({ createdAt: bound.createdAt }) : query.lt({ createdAt: bound.createdAt });
  const { data, cursor } = await older.go({ order: 'desc', limit: options.limit, cursor: options.cursor ?? null });
  return { items: data, cursor };
}

/** How many images the owner uploaded before a time, those being deleted included; reads only their ids. */
export async function countImagesOlderThan(userId: string, createdAt: number): Promise<number> {
  const { data } = await getDb().entities.image.query.byOwner({ userId }).lt({ createdAt }).go({ pages: 'all', attributes: ['imageId'] });
  return data.length;
}

/** Replaces the files a ready image lists (its watermarked copies made again); false when it is no longer ready, or is gone or being deleted. */
export async function replaceImageVariants(key: ImageKey, variants: ImageVariant[]): Promise<boolean> {
  return conditionally(
    getDb()
      .entities.image.patch(key)
      .set({ variants })
      .where(({ status, deletingAt }, { eq, notExists }) => `${eq(status, 'ready')} AND ${notExists(deletingAt)}`)
      .go({ response: 'none' }),
  );
}
