import sharp, { type Region } from 'sharp';
import { BoxSchema, type Box } from '../faces/schemas';
import { bufferInput } from '../images/transform';
import type { Quality } from './schemas';

/**
 * Long side the measured region is reduced to, never enlarged. LinkedIn shows a profile photo at
 * 400 px at most, with the face at about 60% of it: roughly this many pixels. Detail finer than
 * that is never seen, so a large face is judged as it will look there; a smaller face is measured
 * as it is (enlarging it would count missing pixels, which the resolution check covers, as blur).
 */
export const QUALITY_SAMPLE_SIDE = 256;

/**
 * Variance of the Laplacian that maps to sharpness 50: sharpness = 100 · v / (v + this), steep
 * through the blurry range and saturating for crisp detail. Blur detectors built on this focus
 * measure (Pech-Pacheco et al., 2000) commonly flag an image below 100. On the fixture portrait
 * (faces/astronaut.png) the face measures sharpness 89; blurred with a Gaussian of σ = 1 px, 56;
 * σ = 1.5 px, 32; σ = 2 px, 20.
 */
export const LAPLACIAN_VARIANCE_AT_HALF_SHARPNESS = 100;

/** Below this, a face region is a handful of pixels and says nothing about the photo; the whole frame is measured instead. */
const MIN_REGION_PIXELS = 16;

const regionInput = BoxSchema.optional();

/**
 * Brightness and sharpness, 0..100, from the pixels: brightness is the mean luminance; sharpness is
 * the variance of the Laplacian of a greyscale copy reduced to QUALITY_SAMPLE_SIDE, mapped through
 * LAPLACIAN_VARIANCE_AT_HALF_SHARPNESS. With a region (a face box), only that part is measured, so a
 * blurred background or a dark backdrop behind a well-lit, crisp face does not count against it.
 * Both analyzers' reports use this one function, so their numbers agree.
 */
export async function measureQuality(image: Buffer, region?: Box): Promise<Quality> {
  const bytes = bufferInput.parse(image);
  const box = regionInput.parse(region);

  let pipeline = sharp(bytes, { autoOrient: true });
  if (box) {
    const { width, height } = (await pipeline.metadata()).autoOrient;
    const area = toPixels(box, width, height);
    if (area.width >= MIN_REGION_PIXELS && area.height >= MIN_REGION_PIXELS) pipeline = sharp(bytes, { autoOrient: true }).extract(area);
  }
  const { data, info } = await pipeline
    .resize({ width: QUALITY_SAMPLE_SIDE, height: QUALITY_SAMPLE_SIDE, fit: 'inside', withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });

  const brightness = (mean(data) / 255) * 100;
  const variance = laplacianVariance(data, info.width, info.height);
  const sharpness = (100 * variance) / (variance + LAPLACIAN_VARIANCE_AT_HALF_SHARPNESS);
  return { brightness: round1(brightness), sharpness: round1(sharpness) };
}

function toPixels(box: Box, width: number, height: number): Region {
  const left = Math.min(width - 1, Math.max(0, Math.floor(box.left * width)));
  const top = Math.min(height - 1, Math.max(0, Math.floor(box.top * height)));
  return {
    left,
    top,
    width: Math.max(1, Math.min(width - left, Math.round(box.width * width))),
    height: Math.max(1, Math.min(height - top, Math.round(box.height * height))),
  };
}

function mean(pixels: Uint8Array): number {
  let sum = 0;
  for (const value of pixels) sum += value;
  return pixels.length === 0 ? 0 : sum / pixels.length;
}

/** Variance of the 4-neighbour Laplacian over the interior pixels of a one-channel image. */
function laplacianVariance(grey: Uint8Array, width: number, height: number): number {
  let sum = 0;
  let sumOfSquares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value = grey[i - 1]! + grey[i + 1]! + grey[i - width]! + grey[i + width]! - 4 * grey[i]!;
      sum += value;
      sumOfSquares += value * value;
      count++;
    }
  }
  if (count === 0) return 0;
  return Math.max(0, sumOfSquares / count - (sum / count) ** 2);
}

function round1(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value * 10) / 10));
}
