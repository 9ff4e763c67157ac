import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { decodeHeic } from './decode-heic';
import { tagWithProfile } from './tag-with-profile';
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
 * needs; a JPEG is shrunk while it is decoded, which is most of the speed). Orientation is applied
 * and colour converted to sRGB here; no metadata survives, because raw pixels carry none. A HEIC is
 * decoded by libheif first (sharp cannot), then goes through the same steps. Throws the decoder's
 * error when the pixel data is damaged; processImageBuffer turns that into a refusal.
 */
export async function decodeImage(input: Buffer, info: ImageInfo, options: DecodeOptions = {}): Promise<RawImage> {
  const bytes = bufferInput.parse(input);
  const { animated, format } = ImageInfoSchema.parse(info);
  const longest = options.longSide ?? Math.max(...(animated ? ANIMATED_VARIANT_SIZES : VARIANT_SIZES));

  const [{ data, info: out }, header] = await Promise.all([
    inSharpSlot({ kind: 'decode', first: options.first }, async () =>
      (format === 'heic' ? await openHeic(bytes, longest) : sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: DECODE_FAIL_ON, animated, autoOrient: true }))
        .resize(within(longest))
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

/** Down to a long side, never enlarged. */
const within = (longSide: number) => ({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true }) as const;

/**
 * A HEIC's primary image as a sharp input: libheif's pixels, upright already. When the file has an
 * ICC profile (an iPhone's photos are Display P3) the pixels are tagged with it, so that the
 * conversion to sRGB reads them right; they are brought down to the long side first, in the file's own
 * colour space, because tagging and converting 12 MP costs 400 ms and 2048 px a fraction of that.
 * sharp's pixel limit applies to what was decoded, whatever the header said.
 */
async function openHeic(bytes: Buffer, longSide: number): Promise<Sharp> {
  const { icc } = await sharp(bytes, { limitInputPixels: false }).metadata();
  const pixels = decodeHeic(bytes);
  const decoded = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels }, limitInputPixels: MAX_INPUT_PIXELS });
  if (!icc) return decoded;
  const { data, info } = await decoded.resize(within(longSide)).raw().timeout({ seconds: STEP_TIMEOUT_SECONDS }).toBuffer({ resolveWithObject: true });
  return sharp(await tagWithProfile(data, { width: info.width, height: info.height, channels: pixels.channels }, icc));
}

/** The sharp input options that read a RawImage back. */
export function rawInput(image: RawImage): SharpOptions {
  if (image.frames === 1) return { raw: { width: image.width, height: image.height, channels: image.channels } };
  return {
    raw: { width: image.width, height: image.height * image.frames, channels: image.channels, pageHeight: image.height },
    animated: true,
  };
}
