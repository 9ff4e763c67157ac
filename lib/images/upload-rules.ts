import { z } from 'zod';
import { MAX_UPLOAD_BYTES } from './transform/limits';

/*
 * Which files may be uploaded, in a module of its own: the browser turns a file away with these same
 * sentences before sending anything, and it must not pull the database into the page's bundle.
 */

/** The types the upload form offers. The pipeline decides again from the bytes. */
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff', 'image/heic', 'image/heif'] as const;

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
      message: `Only JPEG, PNG, WebP, AVIF, GIF, TIFF and HEIC images can be uploaded${type ? ` (this file is ${type})` : ''}.`,
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
 * the name's extension tells it; the upload is then signed for, and stored as, that type.
 */
export function declaredTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const heif = /\.(heic|heif)$/i.exec(file.name);
  return heif ? `image/${heif[1]!.toLowerCase()}` : '';
}

/** Why a file cannot be uploaded, in the words the server would use; null when it can. */
export function uploadRefusal(file: { name: string; type: string; size: number }): string | null {
  const checked = createUploadInput.safeParse({ fileName: file.name, contentType: declaredTypeOf(file), bytes: file.size });
  return checked.success ? null : (checked.error.issues[0]?.message ?? 'This file cannot be uploaded.');
}
