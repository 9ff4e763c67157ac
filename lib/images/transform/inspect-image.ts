import sharp, { type Metadata } from 'sharp';
import { MAX_ANIMATION_FRAMES, MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES } from './limits';
import { bufferInput, FORMAT_LABELS, type AcceptedFormat, type InspectResult, type RefusalCode } from './schemas';
import { sniffFormat, type SniffedFormat } from './sniff-format';

const WITH_ARTICLE: Record<AcceptedFormat, string> = {
  jpeg: 'a JPEG',
  png: 'a PNG',
  webp: 'a WebP',
  avif: 'an AVIF',
  gif: 'a GIF',
  tiff: 'a TIFF',
  heic: 'a HEIC',
};

/** Formats whose extra pages are animation frames; a TIFF's or HEIF's extra pages are not. */
const ANIMATABLE: ReadonlySet<AcceptedFormat> = new Set(['gif', 'webp']);

/**
 * Decides from the bytes alone whether a file is an image the pipeline accepts. Reads the magic
 * number and then the header only: no pixel is decoded, so a header that claims billions of pixels
 * is refused at no cost. Never throws for bad input; damaged pixel data further in is caught when
 * the image is decoded (see decodeImage).
 */
export async function inspectImage(input: Buffer): Promise<InspectResult> {
  const bytes = bufferInput.parse(input);
  if (bytes.length === 0) return refuse('empty', 'The file is empty. Please upload it again.');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    return refuse('too-large', `The file is ${megabytes(bytes.length)} MB; the limit is ${megabytes(MAX_UPLOAD_BYTES)} MB. Please upload a smaller export.`);
  }

  const sniffed = sniffFormat(bytes);
  if (sniffed === 'svg') {
    return refuse('svg', "SVG drawings aren't accepted, because they can carry scripts and links. Export the drawing as PNG and upload that.");
  }
  if (sniffed === 'unknown') return refuse('unsupported-format', unsupportedReason());

  let header: Metadata;
  try {
    // The pixel limit is ours to check (below, over every frame); sharp's would refuse first with a vaguer message.
    // sharp reads a HEIC's header (its size from the `ispe` box, after any `irot` turn) though it cannot decode its pixels.
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return refuse('corrupt', damagedReason(sniffed));
  }

  const format = acceptedFormat(sniffed, header);
  if (!format) return refuse('corrupt', damagedReason(sniffed));

  const pages = header.pages ?? 1;
  const animated = ANIMATABLE.has(format) && pages > 1;
  const frames = animated ? pages : 1;
  if (frames > MAX_ANIMATION_FRAMES) {
    return refuse('too-many-frames', `This animation has ${frames} frames; the limit is ${MAX_ANIMATION_FRAMES}. Please shorten it and upload it again.`);
  }
  const pixels = header.width * header.height * frames;
  if (pixels > MAX_INPUT_PIXELS) {
    const size = `${header.width} × ${header.height} pixels`;
    const whole = animated ? `This animation has ${frames} frames of ${size} (${megapixels(pixels)} megapixels in all)` : `This image is ${size} (${megapixels(pixels)} megapixels)`;
    return refuse('too-many-pixels', `${whole}; the limit is ${megapixels(MAX_INPUT_PIXELS)} megapixels. Please resize it and upload it again.`);
  }

  return {
    ok: true,
    info: {
      format,
      width: header.autoOrient.width,
      height: header.autoOrient.height,
      bytes: bytes.length,
      hasAlpha: header.hasAlpha,
      animated,
      pages,
      orientation: header.orientation ?? 1,
    },
  };
}

/** The magic number and sharp's loader must agree; a HEIF container is AVIF or HEIC by its codec. */
function acceptedFormat(sniffed: SniffedFormat, header: Metadata): AcceptedFormat | null {
  if (header.format === 'heif') {
    if (header.compression === 'av1' && (sniffed === 'avif' || sniffed === 'heif')) return 'avif';
    if (header.compression === 'hevc' && (sniffed === 'heic' || sniffed === 'heif')) return 'heic';
    return null;
  }
  const plain: readonly SniffedFormat[] = ['jpeg', 'png', 'webp', 'gif', 'tiff'];
  return plain.includes(sniffed) && header.format === sniffed ? (sniffed as AcceptedFormat) : null;
}

function refuse(code: RefusalCode, reason: string): InspectResult {
  return { ok: false, code, reason };
}

function unsupportedReason(): string {
  const labels = Object.values(FORMAT_LABELS);
  return `This file isn't an image we can use. Please upload a ${labels.slice(0, -1).join(', ')} or ${labels.at(-1)} file.`;
}

function damagedReason(sniffed: SniffedFormat): string {
  const label = sniffed in WITH_ARTICLE ? WITH_ARTICLE[sniffed as AcceptedFormat] : 'an image';
  return `The file starts like ${label} but is damaged or incomplete (perhaps cut off while uploading). Please upload it again.`;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1);
}

function megapixels(pixels: number): string {
  return String(Math.round(pixels / 1_000_000));
}
