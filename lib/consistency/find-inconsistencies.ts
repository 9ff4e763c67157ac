import { allItems } from '../all-pages';
import { resources } from '../aws/resources';
import { findAccountClosure, findExport, findJob, findWatermarkRerender, readFaceLibraryState, scanAnalyses, scanImages, type AnalysisItem, type ImageItem } from '../db';
import { FAILURE_CODE } from '../jobs/failure-codes';
import {
  listKeys,
  parseAccountDeletionKey,
  parseAnalysisInputKey,
  parseExportArchiveKey,
  parseExportRequestKey,
  parseFaceIndexInputKey,
  parseFaceIndexObjectKey,
  parseFaceThumbnailKey,
  parseOriginalKey,
  parseReadyRequestKey,
  parseWatermarkRequestKey,
} from '../storage';
import type { JobKind, JobSubject } from '../jobs/job-kind';
import { JOB_KINDS } from '../jobs/kinds';
import { jobRefOf } from '../jobs/run-job';

/** Something the buckets and the table disagree on. */
export interface Inconsistency {
  problem: 'object-without-record' | 'record-without-object';
  bucket: string;
  key: string;
  detail: string;
}

const MEDIA_KEY = /^images\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\//;

/** Kinds whose finished jobs forget themselves (a webhook delivery, a CDN invalidation): a request object of theirs is accounted for by its job alone. */
const FORGETTING_KINDS: readonly JobKind[] = Object.values(JOB_KINDS).filter((kind) => kind.whenFinished === 'forget');

function forgettingKindOf(key: string): { kind: JobKind; subject: JobSubject } | null {
  for (const kind of FORGETTING_KINDS) {
    const subject = kind.bucket() === resources.mediaBucket ? kind.parseKey(key) : null;
    if (subject) return { kind, subject };
  }
  return null;
}

/**
 * Lists both buckets and reads every image and analysis, and reports every object that no record
 * accounts for (an orphan, which costs money and may hold someone's photo after they deleted it),
 * and every object a finished record needs that is not there. Photos still in flight are only checked
 * for orphans. Originals older than `originalsExpireAfterDays` may have been expired by the bucket's
 * lifecycle rule and are not missed.
 */
export async function findInconsistencies(options: { now?: number; originalsExpireAfterDays?: number | null } = {}): Promise<Inconsistency[]> {
  const now = options.now ?? Date.now();
  const [images, analyses, uploadKeys, mediaKeys] = await Promise.all([
    allItems((cursor) => scanImages({ cursor, limit: 500 })),
    allItems((cursor) => scanAnalyses({ cursor, limit: 500 })),
    listKeys(resources.uploadsBucket, ''),
    listKeys(resources.mediaBucket, ''),
  ]);
  const id = (userId: string, imageId: string) => `${userId}/${imageId}`;
  const imagesById = new Map<string, ImageItem>(images.map((image) => [id(image.userId, image.imageId), image]));
  const analysesById = new Map<string, AnalysisItem>(analyses.map((analysis) => [id(analysis.userId, analysis.imageId), analysis]));
  const found: Inconsistency[] = [];
  const orphan = (bucket: string, key: string, detail: string) => found.push({ problem: 'object-without-record', bucket, key, detail });
  const missing = (bucket: string, key: string, detail: string) => found.push({ problem: 'record-without-object', bucket, key, detail });

  for (const key of uploadKeys) {
    const owner = parseOriginalKey(key);
    if (!owner) orphan(resources.uploadsBucket, key, 'not a key the app writes');
    else if (!imagesById.has(id(owner.userId, owner.imageId))) orphan(resources.uploadsBucket, key, 'original of no image');
  }
  for (const key of mediaKeys) {
    const media = MEDIA_KEY.exec(key);
    const input = parseAnalysisInputKey(key);
    const ofFaces = parseFaceIndexInputKey(key) ?? parseFaceThumbnailKey(key);
    const ofExport = parseExportRequestKey(key) ?? parseExportArchiveKey(key);
    const deletion = parseAccountDeletionKey(key);
    const readyRequest = parseReadyRequestKey(key);
    const watermarkRequest = parseWatermarkRequestKey(key);
    const faceIndex = parseFaceIndexObjectKey(key);
    const forgotten = forgettingKindOf(key);
    if (media) {
      if (!imagesById.has(id(media[1]!, media[2]!))) orphan(resources.mediaBucket, key, 'derived file of no image');
    } else if (input) {
      if (!analysesById.has(id(input.userId, input.imageId))) orphan(resources.mediaBucket, key, 'analysis input of no analysis');
    } else if (ofFaces) {
      if (!imagesById.has(id(ofFaces.userId, ofFaces.imageId))) orphan(resources.mediaBucket, key, 'face file of no image');
    } else if (ofExport) {
      if (!(await findExport(ofExport.userId, ofExport.exportId))) orphan(resources.mediaBucket, key, 'export file of no export');
    } else if (readyRequest) {
      if (!imagesById.has(id(readyRequest.userId, readyRequest.imageId))) orphan(resources.mediaBucket, key, 'ready-photo request of no image');
    } else if (watermarkRequest) {
      if (!(await findWatermarkRerender(watermarkRequest.userId))) orphan(resources.mediaBucket, key, 'watermark request of no re-render');
    } else if (faceIndex) {
      // Written only for a library with a generation; the library's item and the index go together with the account.
      if ((await readFaceLibraryState(faceIndex.userId)).generation === null) orphan(resources.mediaBucket, key, 'face index of no face library');
    } else if (deletion) {
      if (!(await findAccountClosure(deletion.userId))) orphan(resources.mediaBucket, key, 'deletion request of no closing account');
    } else if (forgotten) {
      if (!(await findJob(jobRefOf(forgotten.kind, forgotten.subject)))) orphan(resources.mediaBucket, key, `${forgotten.kind.name} request of no job`);
    } else {
      orphan(resources.mediaBucket, key, 'not a key the app writes');
    }
  }

  const uploads = new Set(uploadKeys);
  const media = new Set(mediaKeys);
  const expiryMs = options.originalsExpireAfterDays ? options.originalsExpireAfterDays * 24 * 60 * 60 * 1000 : null;
  for (const image of images) {
    if (image.deletingAt) continue;
    const keepsOriginal = image.status === 'ready' || (image.status === 'failed' && image.failureCode === FAILURE_CODE.deadLetter);
    const mayHaveExpired = expiryMs !== null && now - image.createdAt > expiryMs;
    if (keepsOriginal && !mayHaveExpired && !uploads.has(image.originalKey)) missing(resources.uploadsBucket, image.originalKey, `original of ${image.status} image`);
    if (image.status !== 'ready') continue;
    for (const variant of image.variants ?? []) if (!media.has(variant.key)) missing(resources.mediaBucket, variant.key, `variant ${variant.name}.${variant.format}`);
  }
  for (const analysis of analyses) {
    const crop = analysis.crop as { status?: string; files?: { key: string }[] } | undefined;
    if (analysis.status !== 'ready' || crop?.status !== 'ok') continue;
    for (const file of crop.files ?? []) if (!media.has(file.key)) missing(resources.mediaBucket, file.key, 'LinkedIn crop');
  }
  return found;
}
