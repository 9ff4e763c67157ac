import { z } from 'zod';
import { ANALYSIS_STATUSES, FACE_INDEX_STATUSES, IMAGE_STATUSES, LINK_EXPIRIES } from '../db';
import { BoxSchema } from '../faces/schemas';
import { ProfileReportSchema } from '../profile-check/schemas';
import { VariantSchema } from '../images/schemas';
import { LinkStateSchema } from '../links/schemas';

/*
 * What an export's JSON files promise. The export parses what it built against these before writing
 * it, so an archive never holds a shape other than this one, and a reader can check it the same way.
 * Times are ISO 8601 in UTC; nothing names a bucket, an object key or another user.
 */

/** Raised when a file's shape changes in a way an older reader would misread. */
export const EXPORT_MANIFEST_VERSION = 2;

const timestamp = z.iso.datetime();
const count = z.number().int().nonnegative();

/** A variant as the archive describes it: the file's facts, without the object key. */
export const ExportedVariantSchema = VariantSchema.omit({ key: true });

export const ExportedLinkSchema = z.object({
  code: z.string().min(1),
  /** The public page, relative to the site: /s/{code}. */
  path: z.string().startsWith('/s/'),
  variant: z.string(),
  watermarked: z.boolean(),
  allowDownload: z.boolean(),
  expiry: z.enum(LINK_EXPIRIES),
  validUntil: timestamp.nullable(),
  /** Since version 2: revoked links stay the owner's, listed, for a while after the revoke. */
  revokedAt: timestamp.nullable(),
  state: LinkStateSchema,
  views: count,
  createdAt: timestamp,
});

export const ExportedAnalysisSchema = z.object({
  status: z.enum(ANALYSIS_STATUSES),
  analyzer: z.string().nullable(),
  requestedAt: timestamp,
  failureReason: z.string().nullable(),
  report: ProfileReportSchema.nullable(),
  crop: z
    .discriminatedUnion('status', [
      z.object({ status: z.literal('ok'), sizes: z.array(z.object({ size: count, width: count, height: count, bytes: count })) }),
      z.object({ status: z.literal('too-small'), message: z.string() }),
    ])
    .nullable(),
});

/** The original as uploaded, or why the archive has none. */
export const ExportedOriginalSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('included'), file: z.string().startsWith('originals/'), bytes: count }),
  z.object({ status: z.literal('missing'), note: z.string().min(1) }),
]);

export const ExportedPhotoSchema = z.object({
  imageId: z.string().min(1),
  fileName: z.string(),
  declaredType: z.string(),
  status: z.enum(IMAGE_STATUSES),
  failureReason: z.string().nullable(),
  createdAt: timestamp,
  original: ExportedOriginalSchema,
  format: z.string().nullable(),
  width: count.nullable(),
  height: count.nullable(),
  bytes: count.nullable(),
  hasAlpha: z.boolean().nullable(),
  animated: z.boolean().nullable(),
  camera: z.object({ make: z.string().nullable(), model: z.string().nullable(), capturedAt: z.string().nullable() }).nullable(),
  variants: z.array(ExportedVariantSchema),
  faceIndex: z.object({ status: z.enum(FACE_INDEX_STATUSES), faces: count.nullable(), failureReason: z.string().nullable() }).nullable(),
  analysis: ExportedAnalysisSchema.nullable(),
  links: z.array(ExportedLinkSchema),
});

export const PhotosManifestSchema = z.object({
  format: z.literal('headshot-export/photos'),
  version: z.literal(EXPORT_MANIFEST_VERSION),
  exportedAt: timestamp,
  photos: z.array(ExportedPhotoSchema),
});

export const ExportedFaceSchema = z.object({
  imageId: z.string().min(1),
  faceId: z.string().min(1),
  /** In fractions of the photo's width and height. */
  box: BoxSchema,
  confidence: z.number().min(0).max(1),
  /** The face's small square crop in the archive, when it was still stored. */
  thumbnail: z.string().startsWith('faces/').nullable(),
});

export const ExportedPersonSchema = z.object({
  personId: z.string().min(1),
  name: z.string().nullable(),
  hidden: z.boolean(),
  faceCount: count,
  createdAt: timestamp,
  faces: z.array(ExportedFaceSchema),
});

export const PeopleManifestSchema = z.object({
  format: z.literal('headshot-export/people'),
  version: z.literal(EXPORT_MANIFEST_VERSION),
  exportedAt: timestamp,
  people: z.array(ExportedPersonSchema),
  /** Faces in nobody: seen once so far, or taken out of a person by the owner (detached). */
  ungroupedFaces: z.array(ExportedFaceSchema.extend({ detached: z.boolean() })),
});

export type ExportedPhoto = z.infer<typeof ExportedPhotoSchema>;
export type ExportedFace = z.infer<typeof ExportedFaceSchema>;
export type PhotosManifest = z.infer<typeof PhotosManifestSchema>;
export type PeopleManifest = z.infer<typeof PeopleManifestSchema>;
