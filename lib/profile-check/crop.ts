import sharp from 'sharp';
import { z } from 'zod';
import { ImageSizeSchema, type ImageSize } from '../faces/schemas';
import { bufferInput, JPEG_BACKGROUND } from '../images/transform';
import { CropPlanSchema, FaceSchema, type CropPlan, type CropSize, type Face } from './schemas';

/**
 * Share of the square the face should fill: "make sure that your face takes up at least 60% of the
 * frame" (LinkedIn Talent Blog, "5 tips for picking the right LinkedIn profile picture", 2014).
 */
export const LINKEDIN_FACE_SHARE = 0.6;

/** LinkedIn's recommended profile-photo size, 400 × 400 px; below it LinkedIn has to enlarge the photo. */
export const LINKEDIN_MIN_SIDE = 400;

/** The sharper copy for high-density screens, made only when the source has the pixels for it. */
export const LINKEDIN_LARGE_SIDE = 800;

/** High quality: this is the file people upload to LinkedIn, which recompresses it again. */
export const CROP_JPEG_QUALITY = 90;

const planInput = z.object({ face: FaceSchema.pick({ box: true }), image: ImageSizeSchema, sourceSize: ImageSizeSchema.optional() });

/**
 * A square crop for LinkedIn, in the source photo's terms. The square is centred on the face and
 * sized so the face is LINKEDIN_FACE_SHARE of its height, then kept inside the photo. It is never
 * smaller than LINKEDIN_MIN_SIDE source pixels, so the 400-px crop is never an enlargement: when
 * the face is small, the square grows and the face fills less of it. It is 'too-small' when the
 * photo's short side itself is under 400 px. `image` is the analysed copy the face box was found
 * in; `sourceSize` is the original's size (the same when omitted). The box, as fractions, applies to both.
 */
export function planLinkedInCrop(face: Pick<Face, 'box'>, image: ImageSize, sourceSize?: ImageSize): CropPlan {
  const parsed = planInput.parse({ face, image, sourceSize });
  const { width, height } = parsed.sourceSize ?? parsed.image;
  const available = Math.min(width, height);
  if (available < LINKEDIN_MIN_SIDE) {
    return {
      status: 'too-small',
      message:
        `The photo is ${width} × ${height} px, so the largest square around your face is ${available} px; LinkedIn needs at least ` +
        `${LINKEDIN_MIN_SIDE} × ${LINKEDIN_MIN_SIDE} px. Upload the original photo rather than a screenshot or a copy saved from a chat app, or take a new one.`,
    };
  }

  const box = parsed.face.box;
  const faceHeight = box.height * height;
  const ideal = Math.round(faceHeight / LINKEDIN_FACE_SHARE);
  const side = Math.min(available, Math.max(LINKEDIN_MIN_SIDE, ideal));
  const centreX = (box.left + box.width / 2) * width;
  const centreY = (box.top + box.height / 2) * height;
  const left = clamp(Math.round(centreX - side / 2), 0, width - side);
  const top = clamp(Math.round(centreY - side / 2), 0, height - side);

  return CropPlanSchema.parse({
    status: 'ok',
    square: { left: left / width, top: top / height, size: side / width },
    box: { left: left / width, top: top / height, width: side / width, height: side / height },
    side,
    sizes: side >= LINKEDIN_LARGE_SIDE ? [LINKEDIN_MIN_SIDE, LINKEDIN_LARGE_SIDE] : [LINKEDIN_MIN_SIDE],
  });
}

export interface LinkedInCrop {
  size: CropSize;
  body: Buffer;
  width: number;
  height: number;
  bytes: number;
}

/**
 * Cuts the planned square out of the source photo (EXIF orientation applied, sRGB, no metadata) and
 * writes it as JPEG at 400 × 400, and at 800 × 800 when the square holds at least 800 source pixels.
 * The square's fractions are applied to the photo actually given, so the analysed copy or the
 * original both work; sizes that photo lacks the pixels for are left out, never enlarged.
 */
export async function renderLinkedInCrops(source: Buffer, plan: CropPlan): Promise<LinkedInCrop[]> {
  const bytes = bufferInput.parse(source);
  const parsed = CropPlanSchema.parse(plan);
  if (parsed.status !== 'ok') return [];

  const { width, height } = (await sharp(bytes).metadata()).autoOrient;
  const side = Math.min(width, height, Math.round(parsed.square.size * width));
  const left = clamp(Math.round(parsed.square.left * width), 0, width - side);
  const top = clamp(Math.round(parsed.square.top * height), 0, height - side);
  const square = sharp(bytes, { autoOrient: true }).extract({ left, top, width: side, height: side });

  const sizes = ([LINKEDIN_MIN_SIDE, LINKEDIN_LARGE_SIDE] as const).filter((size) => side >= size);
  return Promise.all(
    sizes.map(async (size) => {
      const { data, info } = await square
        .clone()
        .resize(size, size)
        .toColourspace('srgb')
        .flatten({ background: JPEG_BACKGROUND })
        .jpeg({ quality: CROP_JPEG_QUALITY })
        .toBuffer({ resolveWithObject: true });
      return { size, body: data, width: info.width, height: info.height, bytes: data.length };
    }),
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
