import { z } from 'zod';
import { MAX_UPLOAD_BYTES } from './transform/limits';

/*
 * Which files may be uploaded, in a module of its own: the browser turns a file away with these same
 * sentences before sending anything, and it must not pull the database into the page's bundle.
 */

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

/**
 * The type to declare for a file. Browsers on most desktops know no type for HEIC and report '', so
 * the name's extension tells it, and the owner gets the HEIC advice rather than a bare refusal.
 */
export function declaredTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  return /\.hei[cf]$/i.test(file.name) ? 'image/heic' : '';
}

/** Why a file cannot be uploaded, in the words the server would use; null when it can. */
export function uploadRefusal(file: { name: string; type: string; size: number }): string | null {
  const checked = createUploadInput.safeParse({ fileName: file.name, contentType: declaredTypeOf(file), bytes: file.size });
  return checked.success ? null : (checked.error.issues[0]?.message ?? 'This file cannot be uploaded.');
}
