import { z } from 'zod';
import { imageIdInput } from '../images/schemas';
import { CheckSchema } from '../profile-check/schemas';

/** A colour as the colour picker gives it: #rrggbb. */
export const HexColourSchema = z
  .string()
  .regex(/^#[0-9a-f]{6}$/i, 'A colour is written #rrggbb, for example #1d4ed8.')
  .transform((colour) => colour.toLowerCase());

/** What goes behind the person: the photo's own background, a shallow-depth blur of it, one colour, or a soft two-colour gradient. */
export const BackgroundSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keep') }),
  z.object({ kind: z.literal('blur') }),
  z.object({ kind: z.literal('colour'), colour: HexColourSchema }),
  z.object({ kind: z.literal('gradient'), from: HexColourSchema, to: HexColourSchema }),
]);
export type Background = z.infer<typeof BackgroundSchema>;

export const ReadyOptionsSchema = z.object({ background: BackgroundSchema });
export type ReadyOptions = z.input<typeof ReadyOptionsSchema>;

/** The LinkedIn-ready photo: a square sRGB JPEG without metadata, and what was done to it. */
export const ReadyPhotoSchema = z.object({
  jpeg: z.instanceof(Buffer),
  width: z.number().int().min(400),
  height: z.number().int().min(400),
  bytes: z.number().int().positive(),
  /** The face's height (forehead to chin) over the square's side, as planned from the face mesh; over 1 when the photo cuts the face. */
  faceShare: z.number().positive(),
  /** How far the photo was turned to level the eyes, in degrees; 0 when it was not. */
  rollCorrectedDegrees: z.number().min(-180).max(180),
  /** Sentences for the person: what could not be done as LinkedIn suggests, and why. */
  notes: z.array(z.string().min(1)),
});
export type ReadyPhoto = z.infer<typeof ReadyPhotoSchema>;

/** What a ready-photo request object holds: the options asked for, and when, which names the result's file. */
export const ReadyRequestSchema = z.object({ options: ReadyOptionsSchema, requestedAt: z.number().int().positive() });
export type ReadyRequest = z.infer<typeof ReadyRequestSchema>;

export const requestReadyPhotoInput = z.object({ imageId: imageIdInput, options: ReadyOptionsSchema });

/** The stored result: the file in the media bucket, its side and size. */
export const ReadyResultSchema = z.object({ key: z.string().min(1), width: z.number().int().positive(), height: z.number().int().positive(), bytes: z.number().int().positive() });

/** The same check on the photo and on the result (lib/linkedin-ready/compare-checks.ts). */
export const ReadyOutcomeSchema = z.object({
  before: z.object({ score: z.number().min(0).max(100) }),
  after: z.object({ score: z.number().min(0).max(100), checks: z.array(CheckSchema) }),
  notes: z.array(z.string()),
  faceShare: z.number().min(0),
  rollCorrectedDegrees: z.number(),
});
export type ReadyOutcome = z.infer<typeof ReadyOutcomeSchema>;
