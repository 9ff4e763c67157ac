import { keyTemplate } from './key-template';

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

const ORIGINAL = keyTemplate<'userId' | 'imageId'>(`${ORIGINALS_PREFIX}:userId/:imageId/original`);

/** Where an image's original goes in the uploads bucket; its arrival starts processing. */
export function originalKey(userId: string, imageId: string): string {
  return ORIGINAL.build({ userId, imageId });
}

/** The owner and image an uploaded object belongs to, or null for a key we never hand out. */
export const parseOriginalKey = ORIGINAL.parse;

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

/**
 * The card image of an album link, under its first photo's media prefix, so that deleting that photo
 * takes it (the album then gets a new card under its new first photo). Named by a random id, not the
 * link's code, since it is drawn before the code is.
 */
export function albumCardKey(userId: string, imageId: string, cardId: string): string {
  return variantKey(userId, imageId, `album-card-${cardId}.jpg`);
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

const READY_REQUEST = keyTemplate<'userId' | 'imageId'>(`${READY_REQUEST_PREFIX}:userId/:imageId/request.json`);

/** The trigger of an image's LinkedIn-ready photo: a small JSON request (the background asked for). */
export function readyRequestKey(userId: string, imageId: string): string {
  return READY_REQUEST.build({ userId, imageId });
}

/** The owner and image a ready-photo request belongs to, or null for any other key. */
export const parseReadyRequestKey = READY_REQUEST.parse;

/** What one image's ready-photo requests leave in the media bucket. */
export function readyRequestPrefix(userId: string, imageId: string): string {
  return `${READY_REQUEST_PREFIX}${userId}/${imageId}/`;
}

/** Where a user asks for their watermark to be applied to the photos they already have, in the media bucket; its notifications start the job. */
export const WATERMARK_REQUEST_PREFIX = 'watermark-requests/';

const WATERMARK_REQUEST = keyTemplate<'userId'>(`${WATERMARK_REQUEST_PREFIX}:userId/request.json`);

/**
 * The trigger of a user's watermark re-render: a small JSON request, one per user. A run that runs
 * out of time writes it again to hand over to the next run, which continues where it stopped.
 */
export function watermarkRequestKey(userId: string): string {
  return WATERMARK_REQUEST.build({ userId });
}

/** The user a watermark re-render request is for, or null for any other key. */
export const parseWatermarkRequestKey = WATERMARK_REQUEST.parse;

/** Everything a user's watermark re-render requests leave in the media bucket. */
export function watermarkRequestPrefix(userId: string): string {
  return `${WATERMARK_REQUEST_PREFIX}${userId}/`;
}

const ANALYSIS_INPUT = keyTemplate<'userId' | 'imageId'>(`${ANALYSIS_PREFIX}:userId/:imageId/input.jpg`);

/**
 * The analysis input of an image: a normalised JPEG in the media bucket. Its arrival is what
 * triggers the analyze-profile function (the media bucket notifies only for this prefix).
 */
export function analysisInputKey(userId: string, imageId: string): string {
  return ANALYSIS_INPUT.build({ userId, imageId });
}

/** The owner and image an analysis input belongs to, or null for any other key. */
export const parseAnalysisInputKey = ANALYSIS_INPUT.parse;

/** Everything of an image's analysis input, for its deletion. */
export function analysisPrefix(userId: string, imageId: string): string {
  return `${ANALYSIS_PREFIX}${userId}/${imageId}/`;
}

const FACE_INDEX_INPUT = keyTemplate<'userId' | 'imageId'>(`${FACE_INDEX_PREFIX}:userId/:imageId/input.jpg`);

/**
 * The face-index input of an image: its largest clean JPEG, copied here once the image is ready.
 * Its arrival triggers the index-faces function.
 */
export function faceIndexInputKey(userId: string, imageId: string): string {
  return FACE_INDEX_INPUT.build({ userId, imageId });
}

/** The owner and image a face-index input belongs to, or null for any other key. */
export const parseFaceIndexInputKey = FACE_INDEX_INPUT.parse;

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

const FACE_THUMBNAIL = keyTemplate<'userId' | 'imageId' | 'faceId'>('face-thumbnails/:userId/:imageId/:faceId.jpeg');

/** One face's square crop; the face keeps its id when the photo is indexed again, so the crop is written over. */
export function faceThumbnailKey(userId: string, imageId: string, faceId: string): string {
  return FACE_THUMBNAIL.build({ userId, imageId, faceId });
}

/** The owner, image and face a face thumbnail belongs to, or null for any other key. */
export const parseFaceThumbnailKey = FACE_THUMBNAIL.parse;

/** Where account deletions are asked for, in the media bucket; its notifications start the deletion. */
export const ACCOUNT_DELETION_PREFIX = 'account-deletions/';
/** Where exports are asked for, in the media bucket; its notifications start the export. */
export const EXPORT_REQUEST_PREFIX = 'export-requests/';
/** Where export archives are written, in the media bucket: apart from the requests, so writing one starts nothing, and a lifecycle rule expires them. */
export const EXPORT_PREFIX = 'exports/';

const ACCOUNT_DELETION = keyTemplate<'userId'>(`${ACCOUNT_DELETION_PREFIX}:userId/request.json`);

/** The trigger of a user's account deletion: a small JSON request, kept until the deletion is over. */
export function accountDeletionKey(userId: string): string {
  return ACCOUNT_DELETION.build({ userId });
}

/** The user an account-deletion request is for, or null for any other key. */
export const parseAccountDeletionKey = ACCOUNT_DELETION.parse;

/** What one export writes: its archive. */
export function exportPrefix(userId: string, exportId: string): string {
  return `${EXPORT_PREFIX}${userId}/${exportId}/`;
}

const EXPORT_REQUEST = keyTemplate<'userId' | 'exportId'>(`${EXPORT_REQUEST_PREFIX}:userId/:exportId/request.json`);

/** The trigger of one export: a small JSON request, whose arrival in the media bucket starts the export. */
export function exportRequestKey(userId: string, exportId: string): string {
  return EXPORT_REQUEST.build({ userId, exportId });
}

const EXPORT_ARCHIVE = keyTemplate<'userId' | 'exportId'>(`${EXPORT_PREFIX}:userId/:exportId/headshot-export.zip`);

/** One export's ZIP, under its prefix, where the bucket's lifecycle rule expires it. */
export function exportArchiveKey(userId: string, exportId: string): string {
  return EXPORT_ARCHIVE.build({ userId, exportId });
}

/** The user and export an export request belongs to, or null for any other key. */
export const parseExportRequestKey = EXPORT_REQUEST.parse;

/** The user and export an export archive belongs to, or null for any other key. */
export const parseExportArchiveKey = EXPORT_ARCHIVE.parse;

/** Where each user's face index is kept, in the media bucket: never served, and it starts no job. */
export const FACE_INDEX_OBJECT_PREFIX = 'face-indexes/';

const FACE_INDEX_OBJECT = keyTemplate<'userId'>(`${FACE_INDEX_OBJECT_PREFIX}:userId/faces.index`);

/**
 * A user's face index (lib/people/face-library.ts): one object, a cache of their faces' descriptors
 * that is rebuilt from the table when it is missing or stale, written over in place.
 */
export function faceIndexObjectKey(userId: string): string {
  return FACE_INDEX_OBJECT.build({ userId });
}

/** The user a face index belongs to, or null for any other key. */
export const parseFaceIndexObjectKey = FACE_INDEX_OBJECT.parse;

/** Where a user's objects that start no job and are served to them live in the media bucket (lib/storage/media-paths.ts): a photo's sizes, its faces' crops, export archives. */
export const SERVED_MEDIA_PREFIXES = ['images/', 'face-thumbnails/', EXPORT_PREFIX];

/**
 * Where a user's objects that start no job live in the media bucket: those served, and their face
 * index. With the job kinds' trigger prefixes, that is every prefix a user's objects can be under
 * (lib/account/user-prefixes.ts), so deleting the account takes them; each key above puts the user id
 * right after it.
 */
export const DERIVED_MEDIA_PREFIXES = [...SERVED_MEDIA_PREFIXES, FACE_INDEX_OBJECT_PREFIX];

/** Where outgoing webhook deliveries are asked for, in the media bucket; each request's arrival starts its delivery. */
export const WEBHOOK_REQUEST_PREFIX = 'webhook-requests/';

const WEBHOOK_REQUEST = keyTemplate<'userId' | 'endpointId' | 'messageId'>(`${WEBHOOK_REQUEST_PREFIX}:userId/:endpointId/:messageId/request.json`);

/** The trigger of one webhook delivery, of one message to one endpoint: the event, as JSON. */
export function webhookRequestKey(userId: string, endpointId: string, messageId: string): string {
  return WEBHOOK_REQUEST.build({ userId, endpointId, messageId });
}

/** The owner, endpoint and message a webhook request belongs to, or null for any other key. */
export const parseWebhookRequestKey = WEBHOOK_REQUEST.parse;

/** Where invalidations of the site's CDN are asked for, in the media bucket; each request's arrival starts one. */
export const CDN_INVALIDATION_PREFIX = 'cdn-invalidations/';

const CDN_INVALIDATION = keyTemplate<'userId' | 'invalidationId'>(`${CDN_INVALIDATION_PREFIX}:userId/:invalidationId/request.json`);

/** The trigger of one CDN invalidation asked for on a user's behalf (their links' paths): the paths, as JSON. */
export function cdnInvalidationKey(userId: string, invalidationId: string): string {
  return CDN_INVALIDATION.build({ userId, invalidationId });
}

/** The owner and invalidation a CDN invalidation request belongs to, or null for any other key. */
export const parseCdnInvalidationKey = CDN_INVALIDATION.parse;
