import { z } from 'zod';
import { FACE_INDEX_STATUSES, IMAGE_STATUSES } from '../db';
import { MAX_UPLOAD_BYTES } from './transform/limits';

/** The types the upload form offers. The pipeline decides again from the bytes. */
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff'] as const;

const HEIC_TYPES = new Set(['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']);

export const createUploadInput = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, 'The file needs a name.')
    .max(200, 'File names are limited to 200 characters.')
    .refine((name) => !/[\u0000-\u001f]/.test(name), 'The file name contains control characters.'),
  contentType: z.string().superRefine((type, context) => {
    if ((UPLOAD_CONTENT_TYPES as readonly string[]).includes(type)) return;
    context.addIssue({
      code: 'custom',
      message: HEIC_TYPES.has(type)
        ? 'HEIC photos are not supported yet. Export the photo as JPEG (on iPhone: Settings → Camera → Formats → Most Compatible).'
        : `Only JPEG, PNG, WebP, AVIF, GIF and TIFF images can be uploaded${type ? ` (this file is ${type})` : ''}.`,
    });
  }),
  bytes: z
    .number()
    .int()
    .positive('The file is empty.')
    .max(MAX_UPLOAD_BYTES, `Files are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`),
});
export type CreateUploadInput = z.infer<typeof createUploadInput>;

export const imageIdInput = z.string().regex(/^[A-Za-z0-9_-]{10,32}$/, 'Not an image id.');

export const VariantSchema = z.object({
  name: z.string(),
  format: z.string(),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
  watermarked: z.boolean(),
  url: z.string(),
  downloadUrl: z.string(),
});

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
  camera: z.object({ make: z.string().optional(), model: z.string().optional(), capturedAt: z.string().optional() }).nullable(),
  thumbnailUrl: z.string().nullable(),
  variants: z.array(VariantSchema),
  /** Where finding its faces stands; null before it was asked for. */
  faceIndex: z
    .object({ status: z.enum(FACE_INDEX_STATUSES), faces: z.number().nullable(), failureReason: z.string().nullable(), deadLettered: z.boolean() })
    .nullable(),
});
export type Image = z.infer<typeof ImageSchema>;
export type Variant = z.infer<typeof VariantSchema>;
