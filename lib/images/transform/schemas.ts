import { z } from 'zod';
import { VariantSchema } from '../variant';

/** Formats the pipeline accepts, as decided from the bytes. HEIC is HEVC in a HEIF container, as iPhones save photos. */
export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff', 'heic'] as const;
export const AcceptedFormatSchema = z.enum(ACCEPTED_FORMATS);
export type AcceptedFormat = z.infer<typeof AcceptedFormatSchema>;

/** How people write each format's name. */
export const FORMAT_LABELS: Record<AcceptedFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  avif: 'AVIF',
  gif: 'GIF',
  tiff: 'TIFF',
  heic: 'HEIC',
};

/** Why a file was refused, for code; the `reason` next to it is the sentence for people. */
export const REFUSAL_CODES = ['empty', 'too-large', 'unsupported-format', 'svg', 'too-many-pixels', 'too-many-frames', 'too-slow', 'corrupt'] as const;
export const RefusalCodeSchema = z.enum(REFUSAL_CODES);
export type RefusalCode = z.infer<typeof RefusalCodeSchema>;

export const RefusalSchema = z.object({ reason: z.string().min(1), code: RefusalCodeSchema });
export type Refusal = z.infer<typeof RefusalSchema>;

/** What the header says about an accepted file. Width and height are as displayed (after EXIF orientation). */
export const ImageInfoSchema = z.object({
  format: AcceptedFormatSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  hasAlpha: z.boolean(),
  animated: z.boolean(),
  /** Frames of an animation, pages of a multi-page TIFF (of which only the first is used), or images in a HEIC (of which the primary is used). */
  pages: z.number().int().positive(),
  /** EXIF orientation 1–8 of the original; outputs are always upright. */
  orientation: z.number().int().min(1).max(8),
});
export type ImageInfo = z.infer<typeof ImageInfoSchema>;

export const InspectResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), info: ImageInfoSchema }),
  z.object({ ok: z.literal(false), reason: z.string().min(1), code: RefusalCodeSchema }),
]);
export type InspectResult = z.infer<typeof InspectResultSchema>;

export const bufferInput = z.instanceof(Buffer, { message: 'Expected the image bytes as a Buffer.' });

// ---- Watermark ---------------------------------------------------------------------------------

export const WATERMARK_POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center'] as const;

/** A user's watermark setting: off, or a line of text placed in a corner (or the centre) at an opacity. */
export const WatermarkSettingsSchema = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(false) }),
  z.object({
    enabled: z.literal(true),
    text: z.string().trim().min(1, 'The watermark needs some text.').max(60, 'Watermarks are limited to 60 characters.'),
    position: z.enum(WATERMARK_POSITIONS),
    opacity: z.number().min(0.1, 'Below 10% the watermark is invisible.').max(1, 'Opacity goes up to 1 (fully opaque).'),
  }),
]);
export type WatermarkSettings = z.infer<typeof WatermarkSettingsSchema>;
export type EnabledWatermark = Extract<WatermarkSettings, { enabled: true }>;

/** A rectangle in output pixels: everything the watermark may touch lies inside it. */
export const RegionSchema = z.object({
  left: z.number().int().nonnegative(),
  top: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Region = z.infer<typeof RegionSchema>;

// ---- Variants ----------------------------------------------------------------------------------

/** A variant just encoded, with its bytes in memory: not stored yet, so it has no key. */
export const EncodedVariantSchema = VariantSchema.omit({ key: true }).extend({
  contentType: z.enum(['image/webp', 'image/jpeg']),
  animated: z.boolean(),
  body: z.instanceof(Buffer),
});
export type EncodedVariant = z.infer<typeof EncodedVariantSchema>;

// ---- Metadata ----------------------------------------------------------------------------------

/** Camera facts worth showing. Location is never part of it. */
export const CameraSummarySchema = z.object({
  make: z.string().optional(),
  model: z.string().optional(),
  /** The camera's local clock as written in EXIF, `YYYY-MM-DDTHH:mm:ss`, no time zone. */
  capturedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/).optional(),
});
export type CameraSummary = z.infer<typeof CameraSummarySchema>;

/**
 * What the record keeps: the header's facts (orientation aside: outputs are upright), plus these.
 * Strict, so that nothing else (a location above all) can ride along.
 */
export const ImageMetadataSchema = ImageInfoSchema.omit({ orientation: true }).strict().extend({
  /** The dominant colour, `#rrggbb`, shown in the grid while the thumbnail loads. */
  placeholder: z.string().regex(/^#[0-9a-f]{6}$/),
  /** A ~16-px WebP as a data URL, for a blurred preview (a few hundred bytes). */
  blurDataUrl: z.string().startsWith('data:image/webp;base64,'),
  camera: CameraSummarySchema.optional(),
});
export type ImageMetadata = z.infer<typeof ImageMetadataSchema>;

// ---- The whole pipeline ------------------------------------------------------------------------

export const processImageOptionsInput = z
  .object({
    /** The owner's watermark setting; when enabled, public sizes get an extra watermarked copy. */
    watermark: WatermarkSettingsSchema.optional(),
  })
  .default({});
export type ProcessImageOptions = z.input<typeof processImageOptionsInput>;

export type ProcessImageResult =
  | { status: 'ready'; info: ImageInfo; metadata: ImageMetadata; variants: EncodedVariant[] }
  | { status: 'failed'; reason: string; code: RefusalCode };

/** Kinds of embedded metadata that a derived file must not carry. */
export const LEFTOVER_METADATA_KINDS = ['exif', 'gps', 'xmp', 'iptc', 'icc', 'comments'] as const;
export type LeftoverMetadataKind = (typeof LEFTOVER_METADATA_KINDS)[number];
