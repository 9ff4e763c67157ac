import { resources } from '../aws/resources';
import { claimImageProcessing, completeImageProcessing, findImage, releaseImageProcessing, type ImageVariant } from '../db';
import type { StoredObject } from '../events/schemas';
import { log } from '../observability/log';
import { deleteObjects, deletePrefix, mediaPrefix, parseOriginalKey, readObject, variantKey, writeObject } from '../storage';
import { MAX_UPLOAD_BYTES } from './transform/limits';
import { processImageBuffer } from './transform';
import { getWatermarkSettings } from './watermark-settings';

/**
 * A run holds the image for this long. It must outlast the function's timeout, so that a run
 * that crashed is taken over by the next delivery, and never a run still working.
 */
export const PROCESSING_LEASE_MS = 2 * 60 * 1000;

export type ProcessOutcome = 'ready' | 'failed' | 'duplicate' | 'stale' | 'unknown-image';

/**
 * Turns one uploaded original into the image's variants, at most once per object version (eTag).
 * A bad file ends `failed` with a reason and its original removed; anything else that goes wrong is
 * thrown, so the delivery is retried, and the retry writes the same keys again.
 */
export async function processUpload(object: StoredObject, now = Date.now()): Promise<ProcessOutcome> {
  const owner = parseOriginalKey(object.key);
  if (!owner) {
    log.warn('Ignored an object outside the upload key space', { key: object.key });
    return 'unknown-image';
  }
  log.appendKeys({ correlationId: owner.imageId });

  const image = await findImage(owner.userId, owner.imageId);
  if (!image) {
    log.info('The image was deleted before processing; removing its original', { key: object.key });
    await deleteObjects(object.bucket, [object.key]);
    return 'unknown-image';
  }
  if (!(await claimImageProcessing(owner, { eTag: object.eTag, now, leaseMs: PROCESSING_LEASE_MS }))) {
    log.info('Duplicate delivery skipped', { eTag: object.eTag });
    return 'duplicate';
  }

  try {
    const original = await readObject(object.bucket, object.key);
    if (!original || original.eTag !== object.eTag) {
      // A newer upload replaced this one; its own event will process it.
      await releaseImageProcessing(owner, object.eTag);
      return 'stale';
    }
    const refusal =
      original.body.length > MAX_UPLOAD_BYTES
        ? { reason: `The file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit.`, code: 'too-large' }
        : original.body.length !== image.declaredBytes
          ? { reason: 'The upload does not match the size the browser announced. Please upload it again.', code: 'size-mismatch' }
          : null;
    const result = refusal
      ? { status: 'failed' as const, ...refusal }
      : await processImageBuffer(original.body, { watermark: await getWatermarkSettings(owner.userId) });

    if (result.status === 'failed') {
      await completeImageProcessing(owner, object.eTag, { status: 'failed', failureReason: result.reason, failureCode: result.code });
      // Nothing is kept of a refused file: neither its original nor anything derived from it.
      await deleteObjects(object.bucket, [object.key]);
      await deletePrefix(resources.mediaBucket, mediaPrefix(owner.userId, owner.imageId));
      return 'failed';
    }

    const variants: ImageVariant[] = await Promise.all(
      result.variants.map(async ({ body, contentType, name, format, width, height, bytes, watermarked }) => {
        const key = variantKey(owner.userId, owner.imageId, `${name}.${format}`);
        await writeObject(resources.mediaBucket, key, body, contentType);
        return { name, key, format, width, height, bytes, watermarked };
      }),
    );
    const { metadata } = result;
    await completeImageProcessing(owner, object.eTag, {
      status: 'ready',
      details: {
        format: metadata.format,
        width: metadata.width,
        height: metadata.height,
        bytes: metadata.bytes,
        hasAlpha: metadata.hasAlpha,
        animated: metadata.animated,
        placeholder: metadata.placeholder,
        camera: metadata.camera,
      },
      variants,
    });
    return 'ready';
  } catch (error) {
    await releaseImageProcessing(owner, object.eTag);
    throw error;
  }
}
