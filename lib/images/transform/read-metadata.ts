import exifReader from 'exif-reader';
import sharp, { type Sharp } from 'sharp';
import { rawInput, type RawImage } from './decode-image';
import { resizeRaw } from './render-variants';
import { bufferInput, CameraSummarySchema, ImageInfoSchema, ImageMetadataSchema, type CameraSummary, type ImageInfo, type ImageMetadata } from './schemas';

/** The placeholder colour is taken from a thumbnail this small: the dominant colour doesn't need more. */
const PLACEHOLDER_SAMPLE_PX = 32;
/** The blurred preview is this small, so its data URL stays a few hundred bytes on the record. */
const BLUR_PREVIEW_PX = 16;
const BLUR_PREVIEW_QUALITY = 40;

/**
 * What the image record keeps about an accepted image. The camera summary comes from EXIF; the
 * location never does: GPS tags are not read, not returned and not stored. The placeholders come
 * from decoded pixels (any size will do: the thumbnail's is plenty), so they cost no second decode.
 */
export async function readMetadata(input: Buffer, info: ImageInfo, image: RawImage): Promise<ImageMetadata> {
  const [camera, preview] = await Promise.all([readCamera(bufferInput.parse(input)), describePreview(image)]);
  return toMetadata(info, preview, camera);
}

/** What the grid shows before the thumbnail arrives: a dominant colour and a tiny blurred picture. */
export interface PreviewPlaceholders {
  placeholder: string;
  blurDataUrl: string;
}

export async function describePreview(image: RawImage): Promise<PreviewPlaceholders> {
  const [placeholder, blurDataUrl] = await Promise.all([dominantColour(image), blurPreview(image)]);
  return { placeholder, blurDataUrl };
}

/** The record's metadata from the header's facts, the placeholders and the camera summary. */
export function toMetadata(info: ImageInfo, preview: PreviewPlaceholders, camera: CameraSummary | undefined): ImageMetadata {
  const checked = ImageInfoSchema.parse(info);
  return ImageMetadataSchema.parse({
    format: checked.format,
    width: checked.width,
    height: checked.height,
    bytes: checked.bytes,
    hasAlpha: checked.hasAlpha,
    animated: checked.animated,
    pages: checked.pages,
    ...preview,
    ...(camera ? { camera } : {}),
  });
}

/** Make, model and capture time, or nothing. Broken EXIF never fails an upload; it just yields no summary. */
export async function readCamera(input: Buffer): Promise<CameraSummary | undefined> {
  try {
    const { exif } = await sharp(input, { limitInputPixels: false }).metadata();
    if (!exif) return undefined;
    const tags = exifReader(exif);
    const summary = CameraSummarySchema.parse({
      make: cleanText(tags.Image?.Make),
      model: cleanText(tags.Image?.Model),
      capturedAt: cameraClock(tags.Photo?.DateTimeOriginal ?? tags.Image?.DateTime),
    });
    return summary.make || summary.model || summary.capturedAt ? summary : undefined;
  } catch {
    return undefined;
  }
}

function cleanText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // EXIF strings are fixed-width fields, padded with spaces or NULs.
  const text = value.replace(/\u0000/g, '').trim();
  return text ? text.slice(0, 100) : undefined;
}

/**
 * exif-reader reads EXIF's zone-less "2017:10:31 20:16:18" as if it were UTC; taking the UTC fields
 * back gives the camera's own clock, which is all EXIF knows.
 */
function cameraClock(value: unknown): string | undefined {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return undefined;
  return value.toISOString().slice(0, 19);
}

/** The first frame at a small size, on white where transparent, as a fresh pipeline's input. */
async function firstFrameSample(image: RawImage, longSide: number): Promise<Sharp> {
  const firstFrame = { ...image, frames: 1, data: image.data.subarray(0, image.width * image.height * image.channels) };
  const small = await resizeRaw(firstFrame, Math.min(longSide, Math.max(image.width, image.height)));
  // stats() reads a pipeline's input, not its output, so the flattening is materialised first.
  const { data, info } = await sharp(small.data, rawInput(small)).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

async function dominantColour(image: RawImage): Promise<string> {
  const sample = await firstFrameSample(image, PLACEHOLDER_SAMPLE_PX);
  const { dominant } = await sample.stats();
  return `#${[dominant.r, dominant.g, dominant.b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

async function blurPreview(image: RawImage): Promise<string> {
  const sample = await firstFrameSample(image, BLUR_PREVIEW_PX);
  const webp = await sample.webp({ quality: BLUR_PREVIEW_QUALITY }).toBuffer();
  return `data:image/webp;base64,${webp.toString('base64')}`;
}
