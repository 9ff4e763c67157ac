import 'zod-openapi';
import { z } from 'zod';
import { IMAGE_STATUSES } from '../db';
import { createUpload, createUploadInput, deleteImage, getImageSizes, imageIdInput, listImages, SignedVariantSchema, VariantFormatSchema, VariantSchema, type Image } from '../images';
import { DOWNLOAD_URL_TTL_SECONDS, UPLOAD_URL_TTL_SECONDS } from '../storage';
import { pageOf, pageQuery } from './paging';

/*
 * Images as the API shows them: the same records the pages read (lib/images), in the API's own
 * stable shape: ids and ISO times, every size with a short-lived URL, nothing internal.
 */

export const ImageSizeSchema = SignedVariantSchema.omit({ downloadUrl: true })
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
export const ImagePageSchema = pageOf(ImageSummarySchema, 'ImagePage');
export const ListImagesQuerySchema = pageQuery(24);
export const ImagePathSchema = z.object({ id: z.string().meta({ description: 'The image id.' }) });

export type ImageDetail = z.infer<typeof ImageDetailSchema>;
export type ImagePage = z.infer<typeof ImagePageSchema>;

/** What the API shows of an image, from the pages' Image or the stored record (where the unknown is absent rather than null). */
type ImageFieldsOf = Pick<Image, 'imageId' | 'fileName' | 'status' | 'createdAt'> & Partial<Record<'failureReason' | 'format', string | null> & Record<'width' | 'height' | 'bytes', number | null>>;

function fields(image: ImageFieldsOf) {
  return {
    id: image.imageId,
    fileName: image.fileName,
    status: image.status,
    failureReason: image.failureReason ?? null,
    createdAt: new Date(image.createdAt).toISOString(),
    width: image.width ?? null,
    height: image.height ?? null,
    bytes: image.bytes ?? null,
    format: image.format ?? null,
  };
}

/** The owner's images, newest first, a page at a time. */
export async function listApiImages(userId: string, query: z.infer<typeof ListImagesQuerySchema>): Promise<ImagePage> {
  const page = await listImages(userId, { cursor: query.cursor ?? null, limit: query.limit }, 'presigned');
  return { items: page.items.map((image) => ({ ...fields(image), thumbnailUrl: image.thumbnailUrl })), nextCursor: page.cursor };
}

/** One of the owner's images with every size; null for anyone else's, or for none. */
export async function getApiImage(userId: string, id: string): Promise<ImageDetail | null> {
  const found = await getImageSizes(userId, id);
  return found && { ...fields(found.image), sizes: found.sizes };
}

export const CreateUploadBodySchema = createUploadInput.meta({ id: 'UploadRequest', description: 'What you are about to upload: the same rules and quota as the browser.' });

export const UploadSchema = z
  .object({
    id: z.string().meta({ description: 'The new image; GET /images/{id} follows it to ready.' }),
    upload: z.object({
      method: z.literal('PUT'),
      url: z.url().meta({ description: `Valid for ${UPLOAD_URL_TTL_SECONDS / 60} minutes, for one PUT of exactly the declared bytes and type.` }),
      headers: z.record(z.string(), z.string()).meta({ description: 'Send these with the PUT, as they are.' }),
    }),
  })
  .meta({ id: 'Upload' });
export type Upload = z.infer<typeof UploadSchema>;

/** An upload the caller then PUTs: the image exists from now on, as `uploading`. */
export async function createApiUpload(userId: string, body: z.infer<typeof CreateUploadBodySchema>): Promise<Upload> {
  const { imageId, url, headers } = await createUpload(userId, body);
  return { id: imageId, upload: { method: 'PUT', url, headers } };
}

/** Deletes one of the owner's images and everything made from it; null when they have no such image. */
export async function deleteApiImage(userId: string, id: string): Promise<true | null> {
  const parsed = imageIdInput.safeParse(id);
  return parsed.success && (await deleteImage(userId, parsed.data)) ? true : null;
}

export const ImageFileQuerySchema = z.object({
  size: VariantSchema.shape.name.meta({ description: 'A size the image has (`sizes[].name`), e.g. `w640`; `-public` names are the watermarked copies.', example: 'w640' }),
  format: VariantFormatSchema.default('webp'),
});

/** Where a redirect sends the caller. */
export const RedirectSchema = z.object({ location: z.url() });

/** A short-lived URL of one of the owner's image's files; null when the image or that size and format is not there (yet). */
export async function locateApiImageFile(userId: string, id: string, query: z.infer<typeof ImageFileQuerySchema>): Promise<z.infer<typeof RedirectSchema> | null> {
  const image = await getApiImage(userId, id);
  const size = image?.sizes.find(({ name, format }) => name === query.size && format === query.format);
  return size ? { location: size.url } : null;
}
