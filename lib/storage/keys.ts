/*
 * Object keys are derived, never chosen by the user: the owner and image ids in the key are what the
 * event handlers trust, and a retry writes to the same keys, so it cannot leave orphans behind.
 */

/** Where originals land in the uploads bucket; its notifications start processing (infra/queues.ts). */
export const ORIGINALS_PREFIX = 'uploads/';
/** Where analysis inputs land in the media bucket; its notifications start the analysis. */
export const ANALYSIS_PREFIX = 'analysis/';
/** Where face-index inputs land in the media bucket; its notifications start face indexing. */
export const FACE_INDEX_PREFIX = 'faces/';

/** Where an image's original goes in the uploads bucket; its arrival starts processing. */
export function originalKey(userId: string, imageId: string): string {
  return `${ORIGINALS_PREFIX}${userId}/${imageId}/original`;
}

const ORIGINAL_KEY = /^uploads\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/original$/;

/** The owner and image an uploaded object belongs to, or null for a key we never hand out. */
export function parseOriginalKey(key: string): { userId: string; imageId: string } | null {
  const match = ORIGINAL_KEY.exec(key);
  return match ? { userId: match[1]!, imageId: match[2]! } : null;
}

/** Every derived object of an image lives under this prefix in the media bucket. */
export function mediaPrefix(userId: string, imageId: string): string {
  return `images/${userId}/${imageId}/`;
}

/** One derived file of an image, under its media prefix, so that the image's deletion takes it. */
export function variantKey(userId: string, imageId: string, fileName: string): string {
  return `${mediaPrefix(userId, imageId)}${fileName}`;
}

/** The file of one variant of an image (`w1280.webp`, `w1280-public.jpeg`): a retry, or a new watermark, writes over the same key. */
export function variantFileKey(userId: string, imageId: string, variant: { name: string; format: string }): string {
  return variantKey(userId, imageId, `${variant.name}.${variant.format}`);
}

/** The card image (og:image) of the links to one variant of an image, shared by every link to it. */
export function shareCardKey(userId: string, imageId: string, variantName: string): string {
  return variantKey(userId, imageId, `card-${variantName}.jpg`);
}

/** The LinkedIn crops of an image sit beside its variants, under this prefix. */
export function linkedInCropPrefix(userId: string, imageId: string): string {
  return `${mediaPrefix(userId, imageId)}linkedin-`;
}

/** One LinkedIn crop of an image, by the side of its square in pixels; a new analysis writes over it. */
export function linkedInCropKey(userId: string, imageId: string, size: number): string {
  return `${linkedInCropPrefix(userId, imageId)}${size}.jpeg`;
}

/** Where an image's LinkedIn-ready photos are written, beside its variants, so that the image's deletion takes them. */
export function readyPhotoPrefix(userId: string, imageId: string): string {
  return `${mediaPrefix(userId, imageId)}linkedin-ready/`;
}

/** One LinkedIn-ready photo, named by its request: a new request writes a new key, never over a file a page may still show. */
export function readyPhotoKey(userId: string, imageId: string, version: string): string {
  return `${readyPhotoPrefix(userId, imageId)}${version}.jpg`;
}

/** Where LinkedIn-ready photos are asked for, in the media bucket; its notifications start the job. */
export const READY_REQUEST_PREFIX = 'ready-requests/';

/** The trigger of an image's LinkedIn-ready photo: a small JSON request (the background asked for). */
export function readyRequestKey(userId: string, imageId: string): string {
  return `${READY_REQUEST_PREFIX}${userId}/${imageId}/request.json`;
}

const READY_REQUEST_KEY = /^ready-requests\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/request\.json$/;

/** The owner and image a ready-photo request belongs to, or null for any other key. */
export function parseReadyRequestKey(key: string): { userId: string; imageId: string } | null {
  const match = READY_REQUEST_KEY.exec(key);
  return match ? { userId: match[1]!, imageId: match[2]! } : null;
}

/** What one image's ready-photo requests leave in the media bucket. */
export function readyRequestPrefix(userId: string, imageId: string): string {
  return `${READY_REQUEST_PREFIX}${userId}/${imageId}/`;
}

/** Where a user asks for their watermark to be applied to the photos they already have, in the media bucket; its notifications start the job. */
export const WATERMARK_REQUEST_PREFIX = 'watermark-requests/';

/**
 * The trigger of a user's watermark re-render: a small JSON request, one per user. A run that runs
 * out of time writes it again to hand over to the next run, which continues where it stopped.
 */
export function watermarkRequestKey(userId: string): string {
  return `${WATERMARK_REQUEST_PREFIX}${userId}/request.json`;
}

const WATERMARK_REQUEST_KEY = /^watermark-requests\/([A-Za-z0-9_-]+)\/request\.json$/;

/** The user a watermark re-render request is for, or null for any other key. */
export function parseWatermarkRequestKey(key: string): { userId: string } | null {
  const match = WATERMARK_REQUEST_KEY.exec(key);
  return match ? { userId: match[1]! } : null;
}

/** Everything a user's watermark re-render requests leave in the media bucket. */
export function watermarkRequestPrefix(userId: string): string {
  return `${WATERMARK_REQUEST_PREFIX}${userId}/`;
}

/**
 * The analysis input of an image: a normalised JPEG in the media bucket. Its arrival is what
 * triggers the analyze-profile function (the media bucket notifies only for this prefix).
 */
export function analysisInputKey(userId: string, imageId: string): string {
  return `${ANALYSIS_PREFIX}${userId}/${imageId}/input.jpg`;
}

const ANALYSIS_INPUT_KEY = /^analysis\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/input\.jpg$/;

/** The owner and image an analysis input belongs to, or null for any other key. */
export function parseAnalysisInputKey(key: string): { userId: string; imageId: string } | null {
  const match = ANALYSIS_INPUT_KEY.exec(key);
  return match ? { userId: match[1]!, imageId: match[2]! } : null;
}

/** Everything of an image's analysis input, for its deletion. */
export function analysisPrefix(userId: string, imageId: string): string {
  return `${ANALYSIS_PREFIX}${userId}/${imageId}/`;
}

/**
 * The face-index input of an image: its largest clean JPEG, copied here once the image is ready.
 * Its arrival triggers the index-faces function.
 */
export function faceIndexInputKey(userId: string, imageId: string): string {
  return `${FACE_INDEX_PREFIX}${userId}/${imageId}/input.jpg`;
}

const FACE_INDEX_INPUT_KEY = /^faces\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/input\.jpg$/;

/** The owner and image a face-index input belongs to, or null for any other key. */
export function parseFaceIndexInputKey(key: string): { userId: string; imageId: string } | null {
  const match = FACE_INDEX_INPUT_KEY.exec(key);
  return match ? { userId: match[1]!, imageId: match[2]! } : null;
}

/** Everything of an image's face-index input, for its deletion. */
export function faceIndexPrefix(userId: string, imageId: string): string {
  return `${FACE_INDEX_PREFIX}${userId}/${imageId}/`;
}

/**
 * Where the small square crops of an image's faces live: apart from its variants, because they come
 * later, from another job, and go with its faces (and with the image).
 */
export function faceThumbnailPrefix(userId: string, imageId: string): string {
  return `face-thumbnails/${userId}/${imageId}/`;
}

/** One face's square crop; the face keeps its id when the photo is indexed again, so the crop is written over. */
export function faceThumbnailKey(userId: string, imageId: string, faceId: string): string {
  return `${faceThumbnailPrefix(userId, imageId)}${faceId}.jpeg`;
}

const FACE_THUMBNAIL_KEY = /^face-thumbnails\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/[A-Za-z0-9_.-]+\.jpeg$/;

/** The owner and image a face thumbnail belongs to, or null for any other key. */
export function parseFaceThumbnailKey(key: string): { userId: string; imageId: string } | null {
  const match = FACE_THUMBNAIL_KEY.exec(key);
  return match ? { userId: match[1]!, imageId: match[2]! } : null;
}

/** Where account deletions are asked for, in the media bucket; its notifications start the deletion. */
export const ACCOUNT_DELETION_PREFIX = 'account-deletions/';
/** Where exports are asked for, in the media bucket; its notifications start the export. */
export const EXPORT_REQUEST_PREFIX = 'export-requests/';
/** Where export archives are written, in the media bucket: apart from the requests, so writing one starts nothing, and a lifecycle rule expires them. */
export const EXPORT_PREFIX = 'exports/';

/** The trigger of a user's account deletion: a small JSON request, kept until the deletion is over. */
export function accountDeletionKey(userId: string): string {
  return `${ACCOUNT_DELETION_PREFIX}${userId}/request.json`;
}

const ACCOUNT_DELETION_KEY = /^account-deletions\/([A-Za-z0-9_-]+)\/request\.json$/;

/** The user an account-deletion request is for, or null for any other key. */
export function parseAccountDeletionKey(key: string): { userId: string } | null {
  const match = ACCOUNT_DELETION_KEY.exec(key);
  return match ? { userId: match[1]! } : null;
}

/** What one export writes: its archive. */
export function exportPrefix(userId: string, exportId: string): string {
  return `${EXPORT_PREFIX}${userId}/${exportId}/`;
}

/** The trigger of one export: a small JSON request, whose arrival in the media bucket starts the export. */
export function exportRequestKey(userId: string, exportId: string): string {
  return `${EXPORT_REQUEST_PREFIX}${userId}/${exportId}/request.json`;
}

/** One export's ZIP, under its prefix, where the bucket's lifecycle rule expires it. */
export function exportArchiveKey(userId: string, exportId: string): string {
  return `${exportPrefix(userId, exportId)}headshot-export.zip`;
}

const EXPORT_REQUEST_KEY = /^export-requests\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/request\.json$/;

/** The user and export an export request belongs to, or null for any other key. */
export function parseExportRequestKey(key: string): { userId: string; exportId: string } | null {
  const match = EXPORT_REQUEST_KEY.exec(key);
  return match ? { userId: match[1]!, exportId: match[2]! } : null;
}

const EXPORT_ARCHIVE_KEY = /^exports\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/headshot-export\.zip$/;

/** The user and export an export archive belongs to, or null for any other key. */
export function parseExportArchiveKey(key: string): { userId: string; exportId: string } | null {
  const match = EXPORT_ARCHIVE_KEY.exec(key);
  return match ? { userId: match[1]!, exportId: match[2]! } : null;
}

/**
 * Where a user's objects that start no job live in the media bucket: a photo's sizes, its faces'
 * crops, export archives. With the job kinds' trigger prefixes, that is every prefix a user's objects
 * can be under (lib/account/user-prefixes.ts); each key above puts the user id right after it.
 */
export const DERIVED_MEDIA_PREFIXES = ['images/', 'face-thumbnails/', EXPORT_PREFIX];
