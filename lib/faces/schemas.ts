import { z } from 'zod';

/** The two face models FACE_ANALYZER chooses between: Amazon Rekognition, or the built-in model that runs in the process. */
export const FACE_ANALYZERS = ['rekognition', 'local'] as const;
export const FaceAnalyzerNameSchema = z.enum(FACE_ANALYZERS);
export type FaceAnalyzerName = z.infer<typeof FaceAnalyzerNameSchema>;

const fraction = z.number().min(0).max(1);

export const ImageSizeSchema = z.object({ width: z.number().int().positive(), height: z.number().int().positive() });
export type ImageSize = z.infer<typeof ImageSizeSchema>;

/** A rectangle in fractions of the image's width (left, width) and height (top, height). */
export const BoxSchema = z.object({ left: fraction, top: fraction, width: fraction, height: fraction });
export type Box = z.infer<typeof BoxSchema>;

/**
 * A photo as the face models read it, whether the LinkedIn check's or People's: an upright sRGB JPEG,
 * and where it is stored when it is.
 */
export const createFacePhotoInput = z.object({
  jpeg: z.instanceof(Buffer).refine((bytes) => bytes.length > 0, 'The analysis input is empty.'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  location: z.object({ bucket: z.string().min(1), key: z.string().min(1) }).optional(),
});
export type FacePhoto = z.infer<typeof createFacePhotoInput>;
