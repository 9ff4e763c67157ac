import { z } from 'zod';
import { FACE_INDEX_STATUSES, IMAGE_STATUSES } from '../db';
import { MAX_BULK_DELETE, MAX_CARDS_READ } from './limits';
import { VariantSchema } from './variant';

// The upload's own checks live apart, so that the browser can run them without the database.
export { createUploadInput, UPLOAD_CONTENT_TYPES, type CreateUploadInput } from './upload-rules';
export * from './variant';

export const imageIdInput = z.string().regex(/^[A-Za-z0-9_-]{10,32}$/, 'Not an image id.');

/**
 * An upload the browser gives up on. cancelled: its owner stopped it (the default, so that a call
 * with only the image id means what it always meant). failed: its PUT to storage failed, with
 * storage's HTTP status when an answer came at all.
 */
export const cancelUploadInput = z.object({
  imageId: imageIdInput,
  reason: z.enum(['cancelled', 'failed']).default('cancelled'),
  httpStatus: z.number().int().min(400).max(599).optional(),
});
export type CancelUploadInput = z.input<typeof cancelUploadInput>;

export const deleteImagesInput = z.object({
  imageIds: z
    .array(imageIdInput)
    .min(1, 'Select at least one photo.')
    .max(MAX_BULK_DELETE, `At most ${MAX_BULK_DELETE} photos can be deleted at once.`)
    .transform((ids) => [...new Set(ids)]),
});
export type DeleteImagesInput = z.input<typeof deleteImagesInput>;

/** Photos of the grid to read again, the cards a live event or an upload named. */
export const readImageCardsInput = z.object({
  imageIds: z.array(imageIdInput).min(1, 'Name at least one photo.').max(MAX_CARDS_READ, `At most ${MAX_CARDS_READ} photos can be read at once.`),
});

/**
 * A photo as the server last knew it, and as of when (the server's clock, ms): when the read started, or
 * when the write that made it ended. image null: it was gone by then.
 */
export interface ImageSnapshot {
  image: Image | null;
  readAt: number;
}

/** A page of the owner's photos as one read on the server found them, and when that read started. */
export interface ImageListSnapshot {
  images: Image[];
  readAt: number;
}

/** One card of the grid read again: its photo's id, and the photo as the read found it. */
export interface ImageCardSnapshot extends ImageSnapshot {
  imageId: string;
}

/** A variant as the owner's pages show it: its key stays on the server, short-lived signed URLs stand in. */
export const SignedVariantSchema = VariantSchema.omit({ key: true }).extend({ url: z.string(), downloadUrl: z.string() });

/** An image as the owner's pages see it: links are presigned, internal fields are left out. */
export const ImageSchema = z.object({
  imageId: z.string(),
  fileName: z.string(),
  status: z.enum(IMAGE_STATUSES),
  failureReason: z.string().nullable(),
  deadLettered: z.boolean(),
  createdAt: z.number(),
  format: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  bytes: z.number().nullable(),
  hasAlpha: z.boolean().nullable(),
  animated: z.boolean().nullable(),
  placeholder: z.string().nullable(),
  /** A tiny blurred WebP as a data URL, shown until the thumbnail has loaded. */
  blurDataUrl: z.string().nullable(),
  camera: z.object({ make: z.string().optional(), model: z.string().optional(), capturedAt: z.string().optional() }).nullable(),
  thumbnailUrl: z.string().nullable(),
  /** The thumbnail and its larger WebP as a srcset (with widths); null until both exist. */
  thumbnailSrcSet: z.string().nullable(),
  variants: z.array(SignedVariantSchema),
  /** Where finding its faces stands; null before it was asked for. */
  faceIndex: z
    .object({ status: z.enum(FACE_INDEX_STATUSES), faces: z.number().nullable(), failureReason: z.string().nullable(), deadLettered: z.boolean() })
    .nullable(),
});
export type Image = z.infer<typeof ImageSchema>;
export type SignedVariant = z.infer<typeof SignedVariantSchema>;

/**
 * What a watermark re-render's request object says: which request it is (the record says the rest),
 * and which of its runs; a run that runs out of time writes the next part, whose arrival continues it.
 */
export const WatermarkRequestSchema = z.object({ requestedAt: z.number().int().positive(), part: z.number().int().nonnegative() });
export type WatermarkRequest = z.infer<typeof WatermarkRequestSchema>;

/** Where applying the owner's watermark to the photos they already have stands, as the settings page shows it. */
export const WatermarkRerenderViewSchema = z.object({
  state: z.enum(['none', 'queued', 'running', 'done', 'failed']),
  /** Adding (or changing) the watermark, or taking it off the photos' shared copies. */
  action: z.enum(['apply', 'remove']),
  photosDone: z.number().int().nonnegative(),
  photosTotal: z.number().int().nonnegative(),
  failureReason: z.string().nullable(),
  /** Whether to offer applying the current settings: photos uploaded before they were saved have not had them yet. */
  offer: z.boolean(),
});
export type WatermarkRerenderView = z.infer<typeof WatermarkRerenderViewSchema>;

/** While the owner's watermark is being applied to their photos: whether this photo has had it yet. */
export const ShareCopyNoticeSchema = z.object({
  action: z.enum(['apply', 'remove']),
  photosDone: z.number().int().nonnegative(),
  photosTotal: z.number().int().nonnegative(),
  photoUpdated: z.boolean(),
});
export type ShareCopyNotice = z.infer<typeof ShareCopyNoticeSchema>;
