import sharp from 'sharp';
import { z } from 'zod';
import { bufferInput, decodeImage, inspectImage, JPEG_BACKGROUND, rawInput, type RawImage } from '../images/transform';
import { UserError } from '../user-error';
import type { FacePhoto, ImageSize } from './schemas';

/**
 * Long side of a face photo. Rekognition takes JPEG or PNG up to 15 MB (5 MB as bytes); a
 * 1600-px JPEG stays far below that while a face filling a tenth of the frame still spans 160 px,
 * plenty for both detectors.
 */
export const MAX_FACE_PHOTO_SIDE = 1600;

/** High enough that JPEG blocking never reads as blur to the sharpness measure or as texture to the models. */
export const FACE_PHOTO_JPEG_QUALITY = 90;

const options = z.object({ maxSide: z.number().int().min(64).max(MAX_FACE_PHOTO_SIDE).default(MAX_FACE_PHOTO_SIDE) }).default({ maxSide: MAX_FACE_PHOTO_SIDE });

export interface PreparedFacePhoto extends FacePhoto {
  /** The original's displayed size (after EXIF orientation), for the resolution check and the crop. */
  sourceSize: ImageSize;
}

/**
 * Turns any accepted image into what the face models read: upright (EXIF orientation applied), sRGB,
 * transparency on white, at most `maxSide` px on its long side (never enlarged), as a JPEG with no
 * metadata. Throws a UserError saying what is wrong when the bytes are not an image we accept.
 */
export async function prepareFacePhoto(image: Buffer, settings?: { maxSide?: number }): Promise<PreparedFacePhoto> {
  const bytes = bufferInput.parse(image);
  const { maxSide } = options.parse(settings);
  const inspected = await inspectImage(bytes);
  if (!inspected.ok) throw new UserError(inspected.reason);

  let upright: RawImage;
  try {
    // One still picture: an animation's first frame.
    upright = await decodeImage(bytes, { ...inspected.info, animated: false }, { longSide: maxSide });
  } catch {
    throw new UserError('The photo is damaged or incomplete and could not be read. Please upload it again.');
  }
  const output = await sharp(upright.data, rawInput(upright))
    .flatten({ background: JPEG_BACKGROUND })
    .jpeg({ quality: FACE_PHOTO_JPEG_QUALITY })
    .toBuffer({ resolveWithObject: true });
  return {
    jpeg: output.data,
    width: output.info.width,
    height: output.info.height,
    sourceSize: { width: inspected.info.width, height: inspected.info.height },
  };
}
