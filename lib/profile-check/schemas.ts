import { z } from 'zod';
import { BoxSchema, FaceAnalyzerNameSchema, ImageSizeSchema } from '../faces/schemas';

const fraction = z.number().min(0).max(1);
const percent = z.number().min(0).max(100);
const degrees = z.number().min(-180).max(180);

/** A yes/no attribute, or 'unknown' when the analyzer cannot tell (it is never guessed). */
export const FaceAttributeSchema = z.union([z.object({ value: z.boolean(), confidence: fraction }), z.literal('unknown')]);
export type FaceAttribute = z.infer<typeof FaceAttributeSchema>;

/**
 * Emotion words shared by both analyzers. Rekognition's CALM and the local model's "neutral" are
 * the same expression, so both read 'calm'; Rekognition's FEAR and the local "fear" read 'fearful'.
 */
export const EMOTIONS = ['happy', 'calm', 'sad', 'angry', 'surprised', 'disgusted', 'fearful', 'confused'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const FaceSchema = z.object({
  /** Forehead to chin and cheek to cheek, like Rekognition's box. */
  box: BoxSchema,
  /** How sure the detector is that the box holds a face. */
  confidence: fraction,
  /** Head rotation in degrees; 0, 0, 0 faces the camera squarely. Checks use magnitudes only. */
  pose: z.object({ yaw: degrees, pitch: degrees, roll: degrees }),
  eyesOpen: FaceAttributeSchema,
  smile: FaceAttributeSchema,
  mouthOpen: FaceAttributeSchema,
  sunglasses: FaceAttributeSchema,
  /** The dominant emotion, one of EMOTIONS, or 'unknown'. */
  emotion: z.union([z.enum(EMOTIONS), z.literal('unknown')]),
});
export type Face = z.infer<typeof FaceSchema>;

/** Measured from the pixels by measureQuality, the same way whichever analyzer found the faces. */
export const QualitySchema = z.object({ brightness: percent, sharpness: percent });
export type Quality = z.infer<typeof QualitySchema>;

export const CHECK_IDS = [
  'one-face',
  'face-size',
  'centred',
  'facing-camera',
  'level',
  'eyes-open',
  'smile',
  'no-sunglasses',
  'brightness',
  'sharpness',
  'resolution',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_STATUSES = ['pass', 'warn', 'fail'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CheckSchema = z.object({
  id: z.enum(CHECK_IDS),
  status: z.enum(CHECK_STATUSES),
  /** What was found, as a short sentence. */
  label: z.string().min(1),
  /** What to do about it (or why it is fine). */
  advice: z.string().min(1),
});
export type Check = z.infer<typeof CheckSchema>;

/** What was found in one photo: the faces (from an analyzer) and the quality (from the pixels). */
export const FaceAnalysisSchema = z.object({
  analyzer: FaceAnalyzerNameSchema,
  /** Size of the analysed input (face boxes are fractions of it, and of the original alike). */
  image: ImageSizeSchema,
  faces: z.array(FaceSchema),
  quality: QualitySchema,
});
export type FaceAnalysis = z.infer<typeof FaceAnalysisSchema>;

/** The analysis with its LinkedIn score and checklist: what is stored and shown. */
export const ProfileReportSchema = FaceAnalysisSchema.extend({
  score: z.number().int().min(0).max(100),
  checks: z.array(CheckSchema),
});
export type ProfileReport = z.infer<typeof ProfileReportSchema>;

export const CROP_SIZES = [400, 800] as const;
export type CropSize = (typeof CROP_SIZES)[number];

export const CropPlanSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    /**
     * The square in fractions of the source: left and size of its width, top of its height (so its
     * height as a fraction is size × width / height). Fractions stay valid for any copy of the photo.
     */
    square: z.object({ left: fraction, top: fraction, size: fraction }),
    /** The same square as a box (fractions of width and height), ready to draw over the photo. */
    box: BoxSchema,
    /** The square's side in the source's pixels. */
    side: z.number().int().positive(),
    /** The crop sizes the source has the pixels for: 400 always, 800 when the square is that big. */
    sizes: z.array(z.union([z.literal(400), z.literal(800)])).min(1),
  }),
  z.object({ status: z.literal('too-small'), message: z.string().min(1) }),
]);
export type CropPlan = z.infer<typeof CropPlanSchema>;

export const analyzePhotoOptions = z.object({ sourceSize: ImageSizeSchema.optional() }).optional();
export type AnalyzePhotoOptions = z.infer<typeof analyzePhotoOptions>;

export const scoreProfilePhotoInput = z.object({
  faces: z.array(FaceSchema),
  quality: QualitySchema,
  image: ImageSizeSchema,
  /** The original photo's size, when the analysed image was downscaled from it. */
  sourceSize: ImageSizeSchema.optional(),
});
export type ScoreProfilePhotoInput = z.infer<typeof scoreProfilePhotoInput>;
