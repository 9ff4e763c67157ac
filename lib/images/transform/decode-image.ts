import sharp, { type SharpOptions } from 'sharp';
import { ANIMATED_VARIANT_SIZES, DECODE_FAIL_ON, MAX_INPUT_PIXELS, STEP_TIMEOUT_SECONDS, VARIANT_SIZES } from './limits';
import { inSharpSlot } from './sharp-slots';
import { bufferInput, ImageInfoSchema, type ImageInfo } from './schemas';

/**
 * Upright sRGB pixels, 8 bits a channel, one frame after another. Everything downstream
 * (every size, the watermark, the placeholder) is derived from one of these, never from the original.
 */
export interface RawImage {
  data: Buffer;
  width: number;
  /** Height of one frame. */
  height: number;
  channels: 3 | 4;
  /** 1 for a still image. */
  frames: number;
  /** Per-frame delays in ms and loop count, for animations. */
  delay?: number[];
  loop?: number;
}

/** Formats whose decoder can skip detail while it reads (JPEG's DCT scaling, WebP's): a small decode costs a fraction of a full one. */
const SHRINKS_ON_LOAD: ReadonlySet<ImageInfo['format']> = new Set(['jpeg', 'webp']);

/** Whether decoding this image small is cheap, so a thumbnail is worth its own decode. */
export function shrinksOnLoad(info: ImageInfo): boolean {
  return SHRINKS_ON_LOAD.has(info.format) && !info.animated;
}

export interface DecodeOptions {
  /** The long side to decode down to; by default the largest any variant needs. */
  longSide?: number;
  /** Ahead of other sharp work: the thumbnail's decode. */
  first?: boolean;
}

/**
 * Decodes an inspected image straight down to a long side (by default the largest any variant
 * needs; a JPEG is shrunk while it is decoded, which is most of the speed). EXIF orientation is
 * applied and colour converted to sRGB here; no metadata survives, because raw pixels carry none.
 * Throws sharp's error when the pixel data is damaged; processImageBuffer turns that into a refusal.
 */
export async function decodeImage(input: Buffer, info: ImageInfo, options: DecodeOptions = {}): Promise<RawImage> {
  const bytes = bufferInput.parse(input);
  const { animated } = ImageInfoSchema.parse(info);
  const longest = options.longSide ?? Math.max(...(animated ? ANIMATED_VARIANT_SIZES : VARIANT_SIZES));
  const sharpInput = { limitInputPixels: MAX_INPUT_PIXELS, failOn: DECODE_FAIL_ON, animated, autoOrient: true } as const;

  const [{ data, info: out }, header] = await Promise.all([
    inSharpSlot({ kind: 'decode', first: options.first }, () =>
      sharp(bytes, sharpInput)
        .resize({ width: longest, height: longest, fit: 'inside', withoutEnlargement: true })
        .toColourspace('srgb')
        .raw({ depth: 'uchar' })
        .timeout({ seconds: STEP_TIMEOUT_SECONDS })
        .toBuffer({ resolveWithObject: true }),
    ),
    animated ? sharp(bytes, { animated: true, limitInputPixels: false }).metadata() : undefined,
  ]);

  const frames = animated ? (out.pages ?? 1) : 1;
  const channels = out.channels === 4 ? 4 : 3;
  if (out.channels !== channels) throw new Error(`Decoded to ${out.channels} channels; expected sRGB with or without alpha.`);
  return {
    data,
    width: out.width,
    height: frames > 1 ? (out.pageHeight ?? out.height / frames) : out.height,
    channels,
    frames,
    ...(header?.delay ? { delay: header.delay } : {}),
    ...(header?.loop !== undefined ? { loop: header.loop } : {}),
  };
}

/** The sharp input options that read a RawImage back. */
export function rawInput(image: RawImage): SharpOptions {
  if (image.frames === 1) return { raw: { width: image.width, height: image.height, channels: image.channels } };
  return {
    raw: { width: image.width, height: image.height * image.frames, channels: image.channels, pageHeight: image.height },
    animated: true,
  };
}
