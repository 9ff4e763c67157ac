import { resources } from '../aws/resources';
import { completeImageProcessing, findImage, type ImageVariant } from '../db';
import { requestFaceIndex } from '../faces/request-face-index';
import type { JobRun, WorkResult } from '../jobs/job-kind';
import { countMetric, METRIC, timeMetric } from '../observability/metrics';
import { deleteObjects, deletePrefix, mediaPrefix, variantKey, writeObject } from '../storage';
import { MAX_UPLOAD_BYTES } from './transform/limits';
import { processImageBuffer } from './transform';
import { getWatermarkSettings } from './watermark-settings';

/**
 * The process-image job's work: turns an uploaded original into the image's variants. A bad file ends
 * `failed` with a reason and its original removed; anything else that goes wrong is thrown, and the
 * retry writes the same keys again, so a run that died halfway leaves nothing behind.
 */
export async function processUpload(run: JobRun): Promise<WorkResult> {
  const started = performance.now();
  const key = { userId: run.subject.userId, imageId: run.subject.subjectId };
  const image = await findImage(key.userId, key.imageId);
  if (!image || image.deletingAt) return { status: 'gone' };

  const refusal =
    run.body.length > MAX_UPLOAD_BYTES
      ? { reason: `The file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit.`, code: 'too-large' }
      : run.body.length !== image.declaredBytes
        ? { reason: 'The upload does not match the size the browser announced. Please upload it again.', code: 'size-mismatch' }
        : null;
  const result = refusal ? { status: 'failed' as const, ...refusal } : await processImageBuffer(run.body, { watermark: await getWatermarkSettings(key.userId) });

  if (result.status === 'failed') {
    if (!(await completeImageProcessing(key, { status: 'failed', failureReason: result.reason, failureCode: result.code }))) return { status: 'gone' };
    // Nothing is kept of a refused file: neither its original nor anything derived from it.
    await deleteObjects(run.object.bucket, [run.object.key]);
    await deletePrefix(resources.mediaBucket, mediaPrefix(key.userId, key.imageId));
    countMetric(METRIC.failures);
    return { status: 'failed' };
  }

  const variants: ImageVariant[] = await Promise.all(
    result.variants.map(async ({ body, contentType, name, format, width, height, bytes, watermarked }) => {
      const variant = variantKey(key.userId, key.imageId, `${name}.${format}`);
      await writeObject(resources.mediaBucket, variant, body, contentType);
      return { name, key: variant, format, width, height, bytes, watermarked };
    }),
  );
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
      camera: metadata.camera,
    },
    variants,
  });
  if (!completed) return { status: 'gone' };
  await requestFaceIndex({ ...key, variants });
  countMetric(METRIC.imagesProcessed);
  timeMetric(METRIC.processingMs, performance.now() - started);
  return { status: 'done' };
}
