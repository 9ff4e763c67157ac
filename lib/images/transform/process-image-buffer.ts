import { decodeImage, shrinksOnLoad, type DecodeOptions, type RawImage } from './decode-image';
import { inspectImage } from './inspect-image';
import { describePreview, readCamera, toMetadata, type PreviewPlaceholders } from './read-metadata';
import { STEP_TIMEOUT_SECONDS } from './limits';
import { planVariants, renderVariants, resizeRaw } from './render-variants';
import { bufferInput, FORMAT_LABELS, processImageOptionsInput, type AcceptedFormat, type ProcessImageOptions, type ProcessImageResult, type RefusalCode, type EncodedVariant } from './schemas';

/** The smallest size's files and the placeholders: enough for the grid to show the picture. */
export interface ThumbnailStage extends PreviewPlaceholders {
  variants: EncodedVariant[];
}

/** Where the pipeline hands its results over while it is still working. The pipeline waits for both. */
export interface ProcessImageSink {
  /** Each file as soon as it is encoded, so storing it overlaps the encodes still running. */
  variant?(variant: EncodedVariant): Promise<void>;
  /** Once the thumbnail's files have gone to `variant`, while the larger sizes are still being made. */
  thumbnail?(stage: ThumbnailStage): Promise<void>;
}

/**
 * The whole pure pipeline on one file's bytes: inspect, then either refuse, or decode and derive the
 * metadata and every variant (plus watermarked public copies when the owner has a watermark). No
 * I/O of its own: the S3 handler passes a sink that stores each file as it comes, `npm run process`
 * writes the result to disk.
 *
 * The thumbnail comes first. A JPEG or WebP is decoded twice: once reduced to thumbnail size while it
 * is read (an eighth of the pixels or fewer, so it is ready in a fraction of the full decode), and
 * once down to the largest size; other formats cannot skip detail, so their thumbnail is resized
 * from the one full decode.
 *
 * Bad input never throws: every refusal comes back as `failed` with a reason for people and a code
 * for programs, and is permanent (retrying the same bytes gives the same answer). It throws only
 * for programming errors (options that fail the schema, input that isn't a Buffer), when encoding a
 * successfully decoded image fails, or when the sink does: not the file's fault, and worth a retry.
 * It returns only once nothing it started is still running.
 */
export async function processImageBuffer(input: Buffer, options?: ProcessImageOptions, sink: ProcessImageSink = {}): Promise<ProcessImageResult> {
  const bytes = bufferInput.parse(input);
  const { watermark } = processImageOptionsInput.parse(options);

  const inspected = await inspectImage(bytes);
  if (!inspected.ok) return { status: 'failed', reason: inspected.reason, code: inspected.code };
  const { info } = inspected;

  const [thumbnailSize, ...largerSizes] = planVariants(info.width, info.height, info.animated);
  if (!thumbnailSize) throw new Error('Every image has at least one planned size.');
  const decode = (options: DecodeOptions) => decodeImage(bytes, info, options).catch((error: unknown) => Promise.reject(new UnreadableImage(error)));
  const full = largerSizes.length > 0 ? decode({}) : undefined;
  const small: Promise<RawImage> =
    full && !shrinksOnLoad(info)
      ? full.then((image) => resizeRaw(image, thumbnailSize.longSide, { first: true }))
      : decode({ longSide: thumbnailSize.longSide, first: true });
  const onVariant = sink.variant?.bind(sink);

  const [thumbnail, larger, camera] = await Promise.allSettled([
    small.then(async (image) => {
      const [variants, preview] = await Promise.all([
        renderVariants(image, { plan: [thumbnailSize], watermark, onVariant, first: true }),
        describePreview(image),
      ]);
      await sink.thumbnail?.({ variants, ...preview });
      return { variants, preview };
    }),
    full ? full.then((image) => renderVariants(image, { plan: largerSizes, watermark, onVariant })) : Promise.resolve([]),
    readCamera(bytes),
  ]);
  if (thumbnail.status === 'fulfilled' && larger.status === 'fulfilled' && camera.status === 'fulfilled') {
    return {
      status: 'ready',
      info,
      metadata: toMetadata(info, thumbnail.value.preview, camera.value),
      variants: [...thumbnail.value.variants, ...larger.value],
    };
  }
  const errors = [thumbnail, larger, camera].flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  const unreadable = errors.find((error) => error instanceof UnreadableImage);
  if (unreadable) return { status: 'failed', ...decodeFailure(unreadable.cause, info.format) };
  if (errors.some(isTimeout)) return { status: 'failed', ...TOO_SLOW };
  throw errors[0];
}

/** The decoder gave up on the pixel data: the file's fault, unlike a failure after it was decoded. */
class UnreadableImage extends Error {
  constructor(cause: unknown) {
    super('The image could not be decoded.', { cause });
  }
}

const TOO_SLOW = {
  code: 'too-slow' as const,
  reason: `This image took too long to process (one step ran over ${STEP_TIMEOUT_SECONDS} seconds). Please upload a smaller or simpler version.`,
};

/** sharp stopped a step at its timeout (see STEP_TIMEOUT_SECONDS). */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && /^timeout:/i.test(error.message);
}

/** The header looked fine but the pixel data behind it is not. */
function decodeFailure(error: unknown, format: AcceptedFormat): { reason: string; code: RefusalCode } {
  if (isTimeout(error)) return TOO_SLOW;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return { code: 'too-many-pixels', reason: 'The image has more pixels than its header says, beyond our limit. Please resize it and upload it again.' };
  }
  return {
    code: 'corrupt',
    reason: `The ${FORMAT_LABELS[format]} file is damaged or incomplete (perhaps cut off while uploading), so it can't be shown. Please upload it again.`,
  };
}
