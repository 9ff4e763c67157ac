import { allItems, allPages } from '../all-pages';
import { resources } from '../aws/resources';
import {
  findAnalysis,
  listFacesOfUser,
  listImagesByOwner,
  listLinksByOwner,
  listPeople,
  updateExport,
  type ImageItem,
  type LinkItem,
} from '../db';
import type { JobRun, WorkResult } from '../jobs/job-kind';
import { isPastRetention, linkPath, linkState } from '../links/to-link';
import { exportArchiveKey, openObjectStream, originalKey, readObject } from '../storage';
import { startArchiveUpload, type ArchiveUpload } from '../storage/zip-upload';
import {
  EXPORT_MANIFEST_VERSION,
  ExportedAnalysisSchema,
  PeopleManifestSchema,
  PhotosManifestSchema,
  type ExportedFace,
  type ExportedPhoto,
  type PeopleManifest,
  type PhotosManifest,
} from './export-manifest';
import { EXPORT_RETENTION_DAYS } from './limits';

/** Progress is written after this many photos, or after this long, whichever comes first: live enough for the page, cheap for the table. */
const PROGRESS_EVERY_PHOTOS = 5;
const PROGRESS_EVERY_MS = 2000;
/** Records are read a page at a time; only the small records are held, never the photos. */
const PAGE_SIZE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The record outlives its archive by a day, so the page can still say it expired. */
const RECORD_GRACE_MS = DAY_MS;

const MISSING_ORIGINAL = 'The original file was no longer stored when this export was made.';

/**
 * The export-account job's work: one ZIP of everything the user has, streamed to the media bucket as
 * it is read: each original straight from S3 into the archive, the records as JSON beside them. A run
 * that is retried writes the same key again from the start. Anything that goes wrong is thrown.
 */
export async function exportAccount(run: JobRun): Promise<WorkResult> {
  const { userId } = run.subject;
  const exportKey = { userId, exportId: run.subject.subjectId };
  const exportedAt = new Date(run.now).toISOString();

  const photos = (await allItems((cursor) => listImagesByOwner(userId, { cursor, limit: PAGE_SIZE }))).filter((photo) => photo.deletingAt === undefined);
  if (!(await updateExport(exportKey, { photosTotal: photos.length, photosDone: 0 }))) return { status: 'gone' };
  const photoIds = new Set(photos.map((photo) => photo.imageId));
  const links = groupBy(
    (await allItems((cursor) => listLinksByOwner(userId, { cursor, limit: PAGE_SIZE }))).filter((link) => photoIds.has(link.imageId)),
    (link) => link.imageId,
  );

  const archive = startArchiveUpload(resources.mediaBucket, exportArchiveKey(userId, exportKey.exportId));
  try {
    const exported: ExportedPhoto[] = [];
    let reported = { photos: 0, at: Date.now() };
    for (const photo of photos) {
      const original = await addOriginal(archive, photo);
      exported.push(await describePhoto(photo, original, links.get(photo.imageId) ?? [], run.now));
      if (exported.length - reported.photos >= PROGRESS_EVERY_PHOTOS || Date.now() - reported.at >= PROGRESS_EVERY_MS) {
        if (!(await updateExport(exportKey, { photosDone: exported.length }))) return await abandon(archive);
        reported = { photos: exported.length, at: Date.now() };
      }
    }

    const people = await addPeople(archive, userId, photoIds, exportedAt);
    const photosManifest: PhotosManifest = PhotosManifestSchema.parse({ format: 'headshot-export/photos', version: EXPORT_MANIFEST_VERSION, exportedAt, photos: exported });
    await archive.add(jsonBytes(photosManifest), { name: 'photos.json' });
    await archive.add(jsonBytes(people), { name: 'people.json' });
    await archive.add(Buffer.from(readme(exportedAt, photosManifest, people)), { name: 'README.txt' });
    const bytes = await archive.finish();

    const availableUntil = Date.now() + EXPORT_RETENTION_DAYS * DAY_MS;
    const ready = await updateExport(exportKey, {
      status: 'ready',
      photosDone: exported.length,
      bytes,
      availableUntil,
      expiresAt: Math.floor((availableUntil + RECORD_GRACE_MS) / 1000),
    });
    // The export was deleted while it ran (so is the account): the runner discards the archive.
    return ready ? { status: 'done' } : { status: 'gone' };
  } catch (error) {
    await archive.abort();
    throw error;
  }
}

async function abandon(archive: ArchiveUpload): Promise<WorkResult> {
  await archive.abort();
  return { status: 'gone' };
}

/** Streams the photo's original into the archive byte for byte, or says why there is none. */
async function addOriginal(archive: ArchiveUpload, photo: ImageItem): Promise<ExportedPhoto['original']> {
  const original = await openObjectStream(resources.uploadsBucket, originalKey(photo.userId, photo.imageId));
  if (!original) return { status: 'missing', note: MISSING_ORIGINAL };
  const file = `originals/${photo.imageId}-${safeFileName(photo.fileName)}`;
  // Photos are compressed already: stored as they are, they cost no CPU and come out identical.
  const written = await archive.add(original.body, { name: file, store: true, date: new Date(photo.createdAt) });
  // A connection cut short can end a stream quietly; a short original must never pass for the whole one.
  if (written !== original.bytes) throw new Error(`Read ${written} of ${original.bytes} bytes of an original; retry`);
  return { status: 'included', file, bytes: written };
}

async function describePhoto(photo: ImageItem, original: ExportedPhoto['original'], links: LinkItem[], now: number): Promise<ExportedPhoto> {
  const analysis = await findAnalysis({ userId: photo.userId, imageId: photo.imageId });
  return {
    imageId: photo.imageId,
    fileName: photo.fileName,
    declaredType: photo.declaredType,
    status: photo.status,
    failureReason: photo.failureReason ?? null,
    createdAt: new Date(photo.createdAt).toISOString(),
    original,
    format: photo.format ?? null,
    width: photo.width ?? null,
    height: photo.height ?? null,
    bytes: photo.bytes ?? null,
    hasAlpha: photo.hasAlpha ?? null,
    animated: photo.animated ?? null,
    camera: photo.camera ? { make: photo.camera.make ?? null, model: photo.camera.model ?? null, capturedAt: photo.camera.capturedAt ?? null } : null,
    // Where each variant is stored is ours; what it is, is theirs.
    variants: (photo.variants ?? []).map((v) => ({ name: v.name, format: v.format, width: v.width, height: v.height, bytes: v.bytes, watermarked: v.watermarked ?? false })),
    faceIndex: photo.faceIndex ? { status: photo.faceIndex.status, faces: photo.faceIndex.faces ?? null, failureReason: photo.faceIndex.failureReason ?? null } : null,
    analysis:
      analysis && analysis.deletingAt === undefined
        ? // The report and crop are stored untyped: their shape is checked here, one photo at a time.
          ExportedAnalysisSchema.parse({
            status: analysis.status,
            analyzer: analysis.analyzer ?? null,
            requestedAt: new Date(analysis.requestedAt).toISOString(),
            failureReason: analysis.failureReason ?? null,
            report: analysis.report ?? null,
            crop: exportedCrop(analysis.crop),
          })
        : null,
    links: links.flatMap((link) => {
      // Past its TTL a link is gone, whether or not DynamoDB has removed it yet.
      if (isPastRetention(link, now)) return [];
      return [
        {
          code: link.code,
          path: linkPath(link.code),
          variant: link.variant,
          watermarked: link.watermarked,
          allowDownload: link.allowDownload,
          expiry: link.expiry,
          validUntil: link.validUntil === undefined ? null : new Date(link.validUntil).toISOString(),
          revokedAt: link.revokedAt === undefined ? null : new Date(link.revokedAt).toISOString(),
          state: linkState(link, now),
          views: link.views,
          createdAt: new Date(link.createdAt).toISOString(),
        },
      ];
    }),
  };
}

/** The stored crop without the keys of its files (the manifest's schema checks the rest). */
function exportedCrop(crop: unknown): unknown {
  if (!crop || typeof crop !== 'object') return null;
  const stored = crop as { status?: unknown; files?: unknown };
  if (stored.status !== 'ok' || !Array.isArray(stored.files)) return crop;
  return { status: 'ok', sizes: stored.files.map(({ size, width, height, bytes }: Record<string, unknown>) => ({ size, width, height, bytes })) };
}

/** The people and the faces of the exported photos, with each face's thumbnail added to the archive as it is read. */
async function addPeople(archive: ArchiveUpload, userId: string, photoIds: Set<string>, exportedAt: string): Promise<PeopleManifest> {
  const faces: (ExportedFace & { personId: string; detached: boolean })[] = [];
  for await (const page of allPages((cursor) => listFacesOfUser(userId, { cursor, limit: PAGE_SIZE }))) {
    for (const face of page) {
      if (!photoIds.has(face.imageId)) continue;
      const thumbnail = await readObject(resources.mediaBucket, face.thumbnailKey);
      const file = `faces/${face.faceId}.jpeg`;
      if (thumbnail) await archive.add(thumbnail.body, { name: file, store: true });
      faces.push({
        imageId: face.imageId,
        faceId: face.faceId,
        box: face.box,
        confidence: face.confidence,
        thumbnail: thumbnail ? file : null,
        personId: face.personId,
        detached: face.detached ?? false,
      });
    }
  }

  const byPerson = groupBy(
    faces.filter((face) => face.personId),
    (face) => face.personId,
  );
  const people = (await listPeople(userId)).sort((a, b) => b.faceCount - a.faceCount || a.createdAt - b.createdAt);
  return PeopleManifestSchema.parse({
    format: 'headshot-export/people',
    version: EXPORT_MANIFEST_VERSION,
    exportedAt,
    people: people.map((person) => ({
      personId: person.personId,
      name: person.name ?? null,
      hidden: person.hidden,
      faceCount: person.faceCount,
      createdAt: new Date(person.createdAt).toISOString(),
      faces: (byPerson.get(person.personId) ?? []).map(asFace),
    })),
    ungroupedFaces: faces.filter((face) => !face.personId).map((face) => ({ ...asFace(face), detached: face.detached })),
  });
}

function asFace({ imageId, faceId, box, confidence, thumbnail }: ExportedFace): ExportedFace {
  return { imageId, faceId, box, confidence, thumbnail };
}

function readme(exportedAt: string, photos: PhotosManifest, people: PeopleManifest): string {
  const missing = photos.photos.filter((photo) => photo.original.status === 'missing').length;
  return [
    'Your Headshot data',
    '==================',
    '',
    `Exported ${exportedAt} (UTC).`,
    '',
    `originals/    Every photo exactly as you uploaded it (${photos.photos.length - missing} of ${photos.photos.length} photos), named {photo id}-{your file name}.`,
    ...(missing > 0 ? [`              ${missing} photo(s) had no original left to export; photos.json says which.`] : []),
    'photos.json   Each photo: its details, the sizes made from it, its LinkedIn check, and its share links.',
    `people.json   The people found in your photos (${people.people.length}) and each of their faces, with boxes as fractions of the photo.`,
    'faces/        The small square crop of each face that people.json names.',
    '',
    'Times are in UTC. Share links are relative to the site: /s/{code}.',
    `This archive is deleted from our storage ${EXPORT_RETENTION_DAYS} days after it was made.`,
    '',
  ].join('\n');
}

/** "../Été 2024/me?.jpg" → "me_.jpg": the last path segment, with nothing an unzip could take for a path or a control. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  // The end is kept, so the extension survives.
  return Array.from(cleaned).slice(-100).join('') || 'photo';
}

function jsonBytes(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
