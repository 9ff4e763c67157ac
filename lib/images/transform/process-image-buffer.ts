import { decodeImage } from './decode-image';
import { inspectImage } from './inspect-image';
import { readMetadata } from './read-metadata';
import { STEP_TIMEOUT_SECONDS } from './limits';
import { renderVariants } from './render-variants';
import { bufferInput, FORMAT_LABELS, processImageOptionsInput, type AcceptedFormat, type ProcessImageOptions, type ProcessImageResult, type RefusalCode } from './schemas';

/**
 * The whole pure pipeline on one file's bytes: inspect, then either refuse, or decode once and
 * derive the metadata and every variant (plus watermarked public copies when the owner has a
 * watermark). No I/O; the S3 handler and `npm run process` both call this.
 *
 * Bad input never throws: every refusal comes back as `failed` with a reason for people and a code
 * for programs, and is permanent (retrying the same bytes gives the same answer). It throws only
 * for programming errors (options that fail the schema, input that isn't a Buffer), or when
 * encoding a successfully decoded image fails, which is not the file's fault and worth a retry.
 */
export async function processImageBuffer(input: Buffer, options?: ProcessImageOptions): Promise<ProcessImageResult> {
  const bytes = bufferInput.parse(input);
  const { watermark } = processImageOptionsInput.parse(options);

  const inspected = await inspectImage(bytes);
  if (!inspected.ok) return { status: 'failed', reason: inspected.reason, code: inspected.code };
  const { info } = inspected;

  let image;
  try {
    image = await decodeImage(bytes, info);
  } catch (error) {
    return { status: 'failed', ...decodeFailure(error, info.format) };
  }

  try {
    const [metadata, variants] = await Promise.all([readMetadata(bytes, info, image), renderVariants(image, { watermark })]);
    return { status: 'ready', info, metadata, variants };
  } catch (error) {
    if (isTimeout(error)) return { status: 'failed', ...TOO_SLOW };
    throw error;
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
