import 'zod-openapi';
import { z } from 'zod';
import { IMAGE_STATUSES } from '../db';
import { getImage, listImages, VariantSchema, type Image } from '../images';
import { DOWNLOAD_URL_TTL_SECONDS } from '../storage';

/*
 * Images as the API shows them: the same records the pages read (lib/images), in the API's own
 * stable shape: ids and ISO times, every size with a short-lived URL, nothing internal.
 */

export const ImageSizeSchema = VariantSchema.omit({ key: true })
  .extend({ url: z.url().meta({ description: `Signed, valid for ${DOWNLOAD_URL_TTL_SECONDS / 60} minutes; ask again for a fresh one.` }) })
  .meta({ id: 'ImageSize' });

const ImageFields = z.object({
  id: z.string().meta({ example: 'V1StGXR8_Z5jdHi6' }),
  fileName: z.string(),
  status: z.enum(IMAGE_STATUSES).meta({ description: 'uploading → processing → ready, or failed (see failureReason).' }),
  failureReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  bytes: z.number().int().nullable().meta({ description: 'Of the original.' }),
  format: z.string().nullable().meta({ description: 'Of the original, as read from its bytes.' }),
});

export const ImageSummarySchema = ImageFields.extend({ thumbnailUrl: z.url().nullable() }).meta({ id: 'ImageSummary' });
export const ImageDetailSchema = ImageFields.extend({ sizes: z.array(ImageSizeSchema) }).meta({ id: 'Image' });
export const ImagePageSchema = z
  .object({ items: z.array(ImageSummarySchema), nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }) })
  .meta({ id: 'ImagePage' });

export const ListImagesQuerySchema = z.object({
  cursor: z.string().max(2048, 'Not a cursor from this API.').optional(),
  limit: z.coerce.number('Give limit as a whole number from 1 to 100.').int('Give limit as a whole number from 1 to 100.').min(1, 'Give limit as a whole number from 1 to 100.').max(100, 'Give limit as a whole number from 1 to 100.').default(24),
});
export const ImagePathSchema = z.object({ id: z.string().meta({ description: 'The image id.' }) });

export type ImageDetail = z.infer<typeof ImageDetailSchema>;
export type ImagePage = z.infer<typeof ImagePageSchema>;

function fields(image: Image) {
  return {
    id: image.imageId,
    fileName: image.fileName,
    status: image.status,
    failureReason: image.failureReason,
    createdAt: new Date(image.createdAt).toISOString(),
    width: image.width,
    height: image.height,
    bytes: image.bytes,
    format: image.format,
  };
}

/** The owner's images, newest first, a page at a time. */
export async function listApiImages(userId: string, query: z.infer<typeof ListImagesQuerySchema>): Promise<ImagePage> {
  const page = await listImages(userId, { cursor: query.cursor ?? null, limit: query.limit });
  return { items: page.items.map((image) => ({ ...fields(image), thumbnailUrl: image.thumbnailUrl })), nextCursor: page.cursor };
}

/** One of the owner's images with every size; null for anyone else's, or for none. */
export async function getApiImage(userId: string, id: string): Promise<ImageDetail | null> {
  const image = await getImage(userId, id);
  if (!image) return null;
  return { ...fields(image), sizes: image.variants.map(({ name, format, width, height, bytes, watermarked, url }) => ({ name, format, width, height, bytes, watermarked, url })) };
}
