import { z } from 'zod';

/*
 * A variant is one derived file of an image: one size, one format, clean or watermarked. Every
 * other variant shape (the bytes just encoded, the record, the owner's signed links, the export,
 * a share option) is cut from VariantSchema, so a field means the same thing in each of them.
 * Zod only: the image entity and the pipeline read this file too.
 */

export const VARIANT_FORMATS = ['webp', 'jpeg'] as const;
export const VariantFormatSchema = z.enum(VARIANT_FORMATS);
export type VariantFormat = z.infer<typeof VariantFormatSchema>;

export const VariantSchema = z.object({
  /** Size bucket, e.g. `w1280`; watermarked copies for public pages are `w1280-public`. Unique per format. */
  name: z.string().regex(/^w\d+(-public)?$/),
  format: VariantFormatSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  /** Where the file lies in the media bucket; it never leaves the server. */
  key: z.string().min(1),
  watermarked: z.boolean(),
});

/**
 * A variant as the image record keeps it (lib/db's `ImageVariant`, which a test holds to this).
 * The entity has always declared `watermarked` optional, so readers take a missing one as clean
 * rather than trust that no stored item lacks it.
 */
export const ImageVariantSchema = VariantSchema.partial({ watermarked: true });
