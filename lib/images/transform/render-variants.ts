import sharp from 'sharp';
import { applyWatermark } from './apply-watermark';
import { rawInput, type RawImage } from './decode-image';
import { ANIMATED_VARIANT_SIZES, JPEG_BACKGROUND, JPEG_QUALITY, PUBLIC_VARIANT_SIZES, STEP_TIMEOUT_SECONDS, VARIANT_SIZES, WEBP_EFFORT, WEBP_QUALITY, type VariantSize } from './limits';
import { settleAll } from './settle-all';
import { inSharpSlot } from './sharp-slots';
import { WatermarkSettingsSchema, type EncodedVariant, type WatermarkSettings } from './schemas';
import type { VariantFormat } from '../variant';

/** One size to render, which becomes two to four variants (WebP and JPEG, clean and watermarked). */
export interface PlannedSize {
  size: VariantSize;
  /** The long side actually produced: the bucket, or the image's own long side when it is smaller. */
  longSide: number;
  /** Whether public pages show this one, so it also gets a watermarked copy. */
  public: boolean;
}

/**
 * Which sizes an image gets. Every bucket below the image's long side, then one more at the image's
 * own size (never enlarged), so there is always a variant at or above any bucket a page asks for.
 * A 350-px GIF gets w256 and a 350-px w640; a 13 MP photo gets all four.
 */
export function planVariants(width: number, height: number, animated: boolean): PlannedSize[] {
  const longSide = Math.max(width, height);
  const buckets: readonly VariantSize[] = animated ? ANIMATED_VARIANT_SIZES : VARIANT_SIZES;
  const plan: PlannedSize[] = [];
  for (const size of buckets) {
    plan.push({ size, longSide: Math.min(size, longSide), public: false });
    if (size >= longSide) break;
  }
  // Public pages show the smallest variant at or above each public bucket, or the largest there is.
  for (const bucket of PUBLIC_VARIANT_SIZES) {
    const shown = plan.find((variant) => variant.size >= bucket) ?? plan.at(-1);
    if (shown) shown.public = true;
  }
  return plan;
}

export interface RenderVariantsOptions {
  /** When enabled, the public sizes also come as `w<size>-public`, watermarked. The plain ones stay. */
  watermark?: WatermarkSettings;
  /** The sizes to make; by default every size planned for the image. */
  plan?: PlannedSize[];
  /** Takes each file as soon as it is encoded, so storing it overlaps the encodes still running. The render waits for it. */
  onVariant?: (variant: EncodedVariant) => Promise<void>;
  /** Ahead of other sharp work: the thumbnail. */
  first?: boolean;
}

/**
 * Every derived file of one decoded image: per planned size, a WebP (animated for animations) and a
 * JPEG fallback (the first frame, on white where transparent). Each size is resized from the one
 * decoded buffer, never from the original file. The outputs carry no EXIF, XMP, IPTC or ICC data:
 * they are encoded from raw pixels. Largest first, so the slowest encode starts first.
 */
export async function renderVariants(image: RawImage, options: RenderVariantsOptions = {}): Promise<EncodedVariant[]> {
  const watermark = WatermarkSettingsSchema.optional().parse(options.watermark);
  const plan = [...(options.plan ?? planVariants(image.width, image.height, image.frames > 1))].sort((a, b) => b.size - a.size);
  const deliver = async (encoding: Promise<EncodedVariant>) => {
    const variant = await encoding;
    await options.onVariant?.(variant);
    return variant;
  };

  const { first } = options;
  const encode = (sized: RawImage, name: string, format: VariantFormat, watermarked: boolean) =>
    encodeVariant(sized, { name, format, watermarked, first });

  const perSize = plan.map(async (planned) => {
    const sized = await resizeRaw(image, planned.longSide, { first });
    const name = `w${planned.size}`;
    const jobs = [encode(sized, name, 'webp', false), encode(sized, name, 'jpeg', false)];
    if (planned.public && watermark?.enabled) {
      const marked = inSharpSlot({ kind: 'watermark', first }, () => applyWatermark(sized, watermark)).then(({ image: withMark }) => withMark);
      jobs.push(marked.then((withMark) => encode(withMark, `${name}-public`, 'webp', true)));
      jobs.push(marked.then((withMark) => encode(withMark, `${name}-public`, 'jpeg', true)));
    }
    return settleAll(jobs.map(deliver));
  });
  return (await settleAll(perSize)).flat();
}

/** A smaller copy of a decoded image, or the image itself when it already has that long side. */
export async function resizeRaw(image: RawImage, longSide: number, { first }: { first?: boolean } = {}): Promise<RawImage> {
  if (Math.max(image.width, image.height) === longSide) return image;
  const { data, info } = await inSharpSlot({ kind: 'resize', first }, () =>
    sharp(image.data, rawInput(image))
      .resize({ width: longSide, height: longSide, fit: 'inside' })
      .raw()
      .timeout({ seconds: STEP_TIMEOUT_SECONDS })
      .toBuffer({ resolveWithObject: true }),
  );
  return { ...image, data, width: info.width, height: image.frames > 1 ? (info.pageHeight ?? info.height / image.frames) : info.height };
}

/** One file of a variant: the sized (and perhaps watermarked) pixels as a WebP, or as a JPEG on white, without any metadata. */
export async function encodeVariant(
  image: RawImage,
  { name, format, watermarked, first }: { name: string; format: VariantFormat; watermarked: boolean; first?: boolean },
): Promise<EncodedVariant> {
  const animated = format === 'webp' && image.frames > 1;
  const step = { kind: 'encode', format, pixels: image.width * image.height * image.frames, first } as const;
  const body = await inSharpSlot(step, () => (format === 'webp' ? encodeWebp(image) : encodeJpeg(image)));
  return {
    name,
    format,
    contentType: format === 'webp' ? 'image/webp' : 'image/jpeg',
    width: image.width,
    height: image.height,
    bytes: body.length,
    animated,
    watermarked,
    body,
  };
}

function encodeWebp(image: RawImage): Promise<Buffer> {
  const timing =
    image.frames > 1
      ? { loop: image.loop ?? 0, ...(image.delay?.length === image.frames ? { delay: image.delay } : {}) }
      : {};
  return sharp(image.data, rawInput(image))
    .webp({ quality: WEBP_QUALITY, effort: WEBP_EFFORT, ...timing })
    .timeout({ seconds: STEP_TIMEOUT_SECONDS })
    .toBuffer();
}

/** JPEG cannot animate, so the fallback of an animation is its first frame. */
function encodeJpeg(image: RawImage): Promise<Buffer> {
  const firstFrame = image.data.subarray(0, image.width * image.height * image.channels);
  const pipeline = sharp(firstFrame, { raw: { width: image.width, height: image.height, channels: image.channels } });
  return (image.channels === 4 ? pipeline.flatten({ background: JPEG_BACKGROUND }) : pipeline)
    .jpeg({ quality: JPEG_QUALITY })
    .timeout({ seconds: STEP_TIMEOUT_SECONDS })
    .toBuffer();
}
