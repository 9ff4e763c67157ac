import { z } from 'zod';
import { largestFace } from '../faces/largest-face';
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

/** A point in fractions of the image's width and height; a landmark of a face cut by the frame may lie past it. */
const PointSchema = z.object({ x: z.number(), y: z.number() });

export const FaceSchema = z.object({
  /** Forehead to chin and cheek to cheek, like Rekognition's box. */
  box: BoxSchema,
  /** How sure the detector is that the box holds a face. */
  confidence: fraction,
  /** The eye centres, the nose tip and the mouth corners, each pair in the image's left-to-right order; absent when the analyzer gives none. */
  landmarks: z.object({ eyes: z.tuple([PointSchema, PointSchema]), nose: PointSchema, mouth: z.tuple([PointSchema, PointSchema]) }).optional(),
  /** How sure the face mesh is that this is a face (the built-in model only). */
  meshConfidence: fraction.optional(),
  /**
   * For a face the built-in model found by looking closer, whether a second look framed on its own
   * mesh still saw a face (lib/faces/confirm-face.ts); absent for faces looked at once.
   */
  confirmed: z.boolean().optional(),
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

/**
 * What a face is to the check (lib/profile-check/count-people.ts): the subject (the largest face),
 * another person in the picture (counted), someone in the background (real, but outside the crop or
 * small), or a find that failed verification. Only the first two count.
 */
export const FACE_ROLES = ['subject', 'in-picture', 'background', 'unverified'] as const;
export type FaceRole = (typeof FACE_ROLES)[number];

/** Whether a face is one of the people in the picture: the subject, or another person there. */
export function isCounted(face: { role: FaceRole }): boolean {
  return face.role === 'subject' || face.role === 'in-picture';
}

export const ReportedFaceSchema = FaceSchema.extend({ role: z.enum(FACE_ROLES) });
export type ReportedFace = z.infer<typeof ReportedFaceSchema>;

/** Something found that does not change the score but is worth knowing: faces that were not counted, and why. */
export const NOTE_IDS = ['background-outside-crop', 'background-small', 'unverified'] as const;
export const NoteSchema = z.object({ id: z.enum(NOTE_IDS), message: z.string().min(1) });
export type Note = z.infer<typeof NoteSchema>;

/**
 * Reports stored before faces had roles counted every face: the largest was the subject and the
 * others were in the picture. They are read that way, and with no notes.
 */
function withRoles(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null || !('faces' in stored) || !Array.isArray(stored.faces)) return stored;
  const faces = stored.faces as unknown[];
  const framed = (face: unknown): face is { box: { width: number; height: number } } =>
    typeof face === 'object' && face !== null && 'box' in face && typeof face.box === 'object' && face.box !== null;
  // Faces that already have roles, or that are malformed, are left to the schema to judge.
  if (!faces.every(framed) || faces.every((face) => 'role' in face)) return stored;
  const subject = largestFace(faces);
  return { ...stored, faces: faces.map((face) => ({ role: face === subject ? 'subject' : 'in-picture', ...face })) };
}

/** The analysis with its LinkedIn score, checklist and notes: what is stored and shown. */
export const ProfileReportSchema = z.preprocess(
  withRoles,
  FaceAnalysisSchema.extend({
    faces: z.array(ReportedFaceSchema),
    score: z.number().int().min(0).max(100),
    checks: z.array(CheckSchema),
    notes: z.array(NoteSchema).default([]),
  }),
);
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
