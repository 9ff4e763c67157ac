import sharp from 'sharp';
import type { RgbImage } from './cut-frame';

/** LinkedIn's limit for a profile photo file. */
export const LINKEDIN_MAX_BYTES = 8 * 1024 * 1024;

/** High quality, as the check's crops: this is the file people upload, and LinkedIn recompresses it. */
export const READY_JPEG_QUALITY = 90;

/** Each retry over the byte limit lowers the quality this much, down to READY_MIN_QUALITY; the size is never lowered. */
const QUALITY_STEP = 10;
const READY_MIN_QUALITY = 50;

/**
 * The picture as an sRGB JPEG, encoded from raw pixels so no metadata (EXIF, GPS, XMP, ICC) can
 * survive, within `maxBytes`: over it, the quality is lowered step by step rather than the size.
 */
export async function encodeReadyJpeg(image: RgbImage, maxBytes = LINKEDIN_MAX_BYTES): Promise<{ jpeg: Buffer; quality: number }> {
  for (let quality = READY_JPEG_QUALITY; ; quality -= QUALITY_STEP) {
    const jpeg = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .jpeg({ quality, mozjpeg: false })
      .toBuffer();
    if (jpeg.length <= maxBytes) return { jpeg, quality };
    if (quality - QUALITY_STEP < READY_MIN_QUALITY) {
      throw new Error(`A ${image.width}-px picture is ${jpeg.length} bytes even at JPEG quality ${quality}, over the ${maxBytes}-byte limit.`);
    }
  }
}
