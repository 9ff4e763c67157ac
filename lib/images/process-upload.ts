import { resources } from '../aws/resources';
import { completeImageProcessing, findImage, recordThumbnail, type ImageVariant } from '../db';
import { ensureFaceIndexRequested, requestFaceIndex } from '../people/request-face-index';
import type { JobRun, WorkResult } from '../jobs/job-kind';
import { publishJobState } from '../jobs/publish-job-state';
import { countMetric, METRIC, timeMetric } from '../observability/metrics';
import { releaseQuota } from '../quota';
import { deleteObjects, deletePrefix, mediaPrefix, variantKey, writeObject } from '../storage';
import { processImageJob } from './process-image-job';
import { MAX_UPLOAD_BYTES } from './transform/limits';
import { processImageBuffer, type ProcessImageSink, type EncodedVariant } from './transform';
import { getWatermarkSettings } from './watermark-settings';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';

/**
 * The process-image job's work: turns an uploaded original into the image's variants. A bad file ends
 * `failed` with a reason and its original removed; anything else that goes wrong is thrown, and the
 * retry writes the same keys again, so a run that died halfway leaves nothing behind.
 */
export async function processUpload(run: JobRun): Promise<WorkResult> {
  const started = performance.now();
  const key = { userId: run.subject.userId, imageId: run.subject.subjectId };
  const [image, watermark] = await Promise.all([findImage(key.userId, key.imageId), getWatermarkSettings(key.userId)]);
  if (!image || image.deletingAt) return { status: 'gone' };
  // Already finished by an earlier run that died before the job's ledger heard: done, without encoding it again.
  if (image.status === 'ready') {
    await ensureFaceIndexRequested(image);
    // The earlier run may have died before its event went out; the same event has the same webhook-id, so a receiver that had it drops it.
    await emitWebhookEvent(key.userId, imageReadyEvent(key.imageId, image), run.now);
    return { status: 'done' };
  }

  const refusal =
    run.body.length > MAX_UPLOAD_BYTES
      ? { reason: `The file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit.`, code: 'too-large' }
      : run.body.length !== image.declaredBytes
        ? { reason: 'The upload does not match the size the browser announced. Please upload it again.', code: 'size-mismatch' }
        : null;
  // Each file is stored as soon as it is encoded, and the thumbnail is on the record while the larger sizes are still encoding.
  const store: ProcessImageSink = {
    // A watermarked copy is written over when the watermark changes (rerender-public-copies.ts); a clean one never is.
    variant: (variant) => writeObject(resources.mediaBucket, storedKey(key, variant), variant.body, variant.contentType, { cache: variant.watermarked ? 'revalidate' : 'immutable' }),
    thumbnail: async ({ variants, placeholder, blurDataUrl }) => {
      if (await recordThumbnail(key, { variants: variants.map((variant) => toRecord(key, variant)), placeholder, blurDataUrl })) {
        await publishJobState(processImageJob, run.subject, 'thumbnail');
      }
    },
  };
  const result = refusal ? { status: 'failed' as const, ...refusal } : await processImageBuffer(run.body, { watermark }, store);

  if (result.status === 'failed') {
    if (!(await completeImageProcessing(key, { status: 'failed', failureReason: result.reason, failureCode: result.code }))) return { status: 'gone' };
    // Nothing is kept of a refused file: neither its original nor anything derived from it, nor its share of the quota.
    await deleteObjects(run.object.bucket, [run.object.key]);
    await deletePrefix(resources.mediaBucket, mediaPrefix(key.userId, key.imageId));
    await releaseQuota(key);
    await emitWebhookEvent(key.userId, { type: 'image.failed', data: { imageId: key.imageId, reason: result.reason, code: result.code }, eventKey: key.imageId }, run.now);
    countMetric(METRIC.failures);
    return { status: 'failed' };
  }

  const variants = result.variants.map((variant) => toRecord(key, variant));
  const { metadata } = result;
  const completed = await completeImageProcessing(key, {
    status: 'ready',
    details: {
      format: metadata.format,
      width: metadata.width,
      height: metadata.height,
      bytes: metadata.bytes,
      hasAlpha: metadata.hasAlpha,
      animated: metadata.animated,
      placeholder: metadata.placeholder,
      blurDataUrl: metadata.blurDataUrl,
      camera: metadata.camera,
    },
    variants,
  });
  if (!completed) return { status: 'gone' };
  // Independent, and each safe to repeat: a retry after either failed asks again (the event keeps its id).
  await Promise.all([requestFaceIndex({ ...key, variants }), emitWebhookEvent(key.userId, imageReadyEvent(key.imageId, metadata), run.now)]);
  countMetric(METRIC.imagesProcessed);
  timeMetric(METRIC.processingMs, performance.now() - started);
  return { status: 'done' };
}

type ImageKey = { userId: string; imageId: string };

function storedKey(key: ImageKey, variant: EncodedVariant): string {
  return variantKey(key.userId, key.imageId, `${variant.name}.${variant.format}`);
}

function toRecord(key: ImageKey, variant: EncodedVariant): ImageVariant {
  const { name, format, width, height, bytes, watermarked } = variant;
  return { name, key: storedKey(key, variant), format, width, height, bytes, watermarked };
}

/** image.ready's event: the image and its size; the API's GET /images/{id} has the rest. */
function imageReadyEvent(imageId: string, details: { width?: number; height?: number; format?: string; bytes?: number }) {
  return { type: 'image.ready' as const, data: { imageId, width: details.width, height: details.height, format: details.format, bytes: details.bytes }, eventKey: imageId };
}
