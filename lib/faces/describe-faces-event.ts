import { z } from 'zod';
import { BoxSchema } from './schemas';

/** What the site sends the describe-faces function: a normalised JPEG of a query photo, which is never stored. */
export const DescribeFacesEventSchema = z.object({
  jpegBase64: z.base64().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type DescribeFacesEvent = z.infer<typeof DescribeFacesEventSchema>;

/** One face the built-in model found, with its descriptor when the recognition model could describe it. */
export const DescribedFaceSchema = z.object({ box: BoxSchema, confidence: z.number().min(0).max(1), descriptor: z.base64().optional() });
export type DescribedFace = z.infer<typeof DescribedFaceSchema>;

/** What it answers: every face found, with its built-in descriptor. */
export const DescribeFacesResultSchema = z.object({ faces: z.array(DescribedFaceSchema) });
export type DescribeFacesResult = z.infer<typeof DescribeFacesResultSchema>;
