import sharp from 'sharp';
import type { Box } from '../faces/schemas';
import type { RgbImage } from './cut-frame';

/*
 * Light is read from the skin of the face, never from the whole frame: a white wall, a sunset or a
 * dark suit would otherwise decide how the face looks. The corrections are global and gentle (a gain
 * per channel, then a mild local contrast), so nothing about the face itself changes: no smoothing,
 * no reshaping, no change of complexion beyond removing a colour cast.
 */

/**
 * The skin sampled: the middle of the face box (cheeks, nose, lower forehead), which stays clear of
 * hair, ears and background in a face turned up to about 20°.
 */
const SKIN = { left: 0.25, top: 0.3, width: 0.5, height: 0.5 } as const;

/**
 * Luma (0–255) below which the skin's median is lifted, and to which. 100 is about 39%: the darker
 * fixture faces in good light measure 102–135 (faces/group-sample1.jpg, portraits/jesper.jpg), a
 * face in shadow against the light less. Complexions differ far more than that, so the lift is
 * capped by EXPOSURE_MAX_GAIN and by the skin's highlights, never pushing a well-lit darker face
 * towards a lighter one's brightness.
 */
const EXPOSURE_LIFT_BELOW = 100;
/** Skin whose median is above this (about 84%) is blown out and is brought down, to this. */
const EXPOSURE_LOWER_ABOVE = 215;
const EXPOSURE_MAX_GAIN = 1.35;
const EXPOSURE_MIN_GAIN = 0.9;
/** The skin's 99th percentile stays at or under this, so a lift never clips the highlights on the face. */
const SKIN_HIGHLIGHT_CEILING = 245;

/*
 * White balance from skin. Skin of every complexion has a hue in a narrow band: on the opponent axes
 * red−green and yellow−blue (o1 = R − G, o2 = (R + G)/2 − B), the fixture faces measure 26° to 48°
 * under daylight and flash. A cast moves that hue (tungsten and sepia up, shade and blue down), so
 * the skin's mean is turned back to the nearest edge of SKIN_HUE, keeping its luma and its chroma:
 * a face inside the band is left as it is. A face with little chroma (a black-and-white or toned
 * print; the sepia fixtures measure 27) is left too: its tone is the photo's, not a cast.
 */
const SKIN_HUE_DEGREES = { min: 25, max: 55 } as const;
const SKIN_MIN_CHROMA = 30;
/** No channel moves by more than this factor: a strong cast is eased, not remade. */
const WHITE_BALANCE_MAX_GAIN = 1.15;

/*
 * Local contrast: CLAHE on the luma only (sharp's clahe works per channel, which would shift hues),
 * carried to the colour channels as a ratio and applied at half strength. Tiles of an eighth of the
 * side and a slope limit of 2 lift flat light without the halos or grain of stronger settings.
 */
const CLAHE_TILES = 8;
const CLAHE_MAX_SLOPE = 2;
const LOCAL_CONTRAST_STRENGTH = 0.5;
const CONTRAST_WORK_SIDE = 512;
/** A gain of 1 in the byte the gain is carried in: room up to ×2, in steps of under 1%. */
const RATIO_ONE = 128;

const LUMA = [0.2126, 0.7152, 0.0722] as const;

export interface LightCorrection {
  image: RgbImage;
  /** The gain per channel that was applied (exposure and white balance together). */
  gains: [number, number, number];
}

/** Exposure and white balance measured on the face's skin, then a mild local contrast; `face` is the face box in fractions of the image. */
export async function correctLight(image: RgbImage, face: Box): Promise<LightCorrection> {
  const skin = sampleSkin(image, face);
  const exposure = exposureGain(skin);
  const balance = whiteBalanceGains(skin.mean);
  const gains = balance.map((gain) => gain * exposure) as [number, number, number];

  const { width, height } = image;
  const balanced = await sharp(image.data, { raw: { width, height, channels: 3 } }).linear(gains, [0, 0, 0]).raw().toBuffer();
  const ratio = await localContrastRatio(balanced, width, height);
  const data = Buffer.alloc(balanced.length);
  // A clamped view rounds and clips on assignment, which is most of this loop's cost otherwise.
  const out = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  for (let pixel = 0, i = 0; pixel < ratio.length; pixel++) {
    const gain = ratio[pixel]! / RATIO_ONE;
    out[i] = balanced[i++]! * gain;
    out[i] = balanced[i++]! * gain;
    out[i] = balanced[i++]! * gain;
  }
  return { image: { data, width: image.width, height: image.height }, gains };
}

interface SkinSample {
  mean: [number, number, number];
  median: number;
  highlight: number;
}

/**
 * The local-contrast gain per pixel, scaled by RATIO_ONE into a byte. It is worked out on a copy
 * CONTRAST_WORK_SIDE px long and scaled up: the tiles are an eighth of the side, so the gain varies
 * slowly, and CLAHE at 2048 px took 5.5 s on one core against 0.1 s at this size.
 */
async function localContrastRatio(rgb: Buffer, width: number, height: number): Promise<Buffer> {
  const scale = Math.min(1, CONTRAST_WORK_SIDE / Math.max(width, height));
  const small = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), channels: 1 as const };
  const grey = await sharp(rgb, { raw: { width, height, channels: 3 } }).resize(small.width, small.height, { fit: 'fill' }).greyscale().raw().toBuffer();
  const tile = Math.max(8, Math.round(small.width / CLAHE_TILES));
  const equalised = await sharp(grey, { raw: small })
    .clahe({ width: tile, height: tile, maxSlope: CLAHE_MAX_SLOPE })
    // One channel in comes out as three unless told: sharp writes sRGB by default.
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const ratio = Buffer.alloc(grey.length);
  for (let i = 0; i < grey.length; i++) ratio[i] = Math.min(255, Math.round(RATIO_ONE * (1 + LOCAL_CONTRAST_STRENGTH * ((equalised[i]! + 1) / (grey[i]! + 1) - 1))));
  return sharp(ratio, { raw: small }).resize(width, height, { fit: 'fill', kernel: 'linear' }).toColourspace('b-w').raw().toBuffer();
}

function sampleSkin(image: RgbImage, face: Box): SkinSample {
  const x0 = clamp(Math.round((face.left + face.width * SKIN.left) * image.width), 0, image.width - 1);
  const y0 = clamp(Math.round((face.top + face.height * SKIN.top) * image.height), 0, image.height - 1);
  const x1 = clamp(Math.round((face.left + face.width * (SKIN.left + SKIN.width)) * image.width), x0 + 1, image.width);
  const y1 = clamp(Math.round((face.top + face.height * (SKIN.top + SKIN.height)) * image.height), y0 + 1, image.height);
  const sums = [0, 0, 0];
  const histogram = new Array<number>(256).fill(0);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 3;
      for (let channel = 0; channel < 3; channel++) sums[channel]! += image.data[i + channel]!;
      histogram[Math.round(LUMA[0] * image.data[i]! + LUMA[1] * image.data[i + 1]! + LUMA[2] * image.data[i + 2]!)]!++;
    }
  }
  const count = (x1 - x0) * (y1 - y0);
  return { mean: sums.map((sum) => sum / count) as [number, number, number], median: percentile(histogram, count, 0.5), highlight: percentile(histogram, count, 0.99) };
}

function exposureGain({ median, highlight }: SkinSample): number {
  if (median < EXPOSURE_LIFT_BELOW) return Math.max(1, Math.min(EXPOSURE_LIFT_BELOW / Math.max(1, median), EXPOSURE_MAX_GAIN, SKIN_HIGHLIGHT_CEILING / Math.max(1, highlight)));
  if (median > EXPOSURE_LOWER_ABOVE) return Math.max(EXPOSURE_LOWER_ABOVE / median, EXPOSURE_MIN_GAIN);
  return 1;
}

/** Per-channel gains that turn the skin's mean hue into SKIN_HUE_DEGREES, luma and chroma kept; [1, 1, 1] when it is already there. */
export function whiteBalanceGains([r, g, b]: [number, number, number]): [number, number, number] {
  const [o1, o2] = [r - g, (r + g) / 2 - b];
  const chroma = Math.hypot(o1, o2);
  const hue = (Math.atan2(o2, o1) * 180) / Math.PI;
  const target = clamp(hue, SKIN_HUE_DEGREES.min, SKIN_HUE_DEGREES.max);
  if (chroma < SKIN_MIN_CHROMA || target === hue) return [1, 1, 1];

  // Solve for the colour with the same luma and chroma at the target hue: luma, o1 and o2 are linear in r, g, b.
  const t = (target * Math.PI) / 180;
  const [p1, p2] = [chroma * Math.cos(t), chroma * Math.sin(t)];
  const luma = LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
  // From o1 = R − G and o2 = (R + G)/2 − B: R = G + p1, B = G + p1/2 − p2; luma fixes G.
  const green = (luma - LUMA[0] * p1 - LUMA[2] * (p1 / 2 - p2)) / (LUMA[0] + LUMA[1] + LUMA[2]);
  const wanted = [green + p1, green, green + p1 / 2 - p2];
  return [r, g, b].map((value, channel) => clamp(wanted[channel]! / Math.max(1, value), 1 / WHITE_BALANCE_MAX_GAIN, WHITE_BALANCE_MAX_GAIN)) as [number, number, number];
}

function percentile(histogram: number[], count: number, share: number): number {
  let seen = 0;
  for (let value = 0; value < histogram.length; value++) {
    seen += histogram[value]!;
    if (seen >= count * share) return value;
  }
  return histogram.length - 1;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
