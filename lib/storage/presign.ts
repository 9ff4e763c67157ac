import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3Client } from '../aws/clients';

/** How long the browser has to start its upload. */
export const UPLOAD_URL_TTL_SECONDS = 10 * 60;

/**
 * A PUT URL that S3 itself holds to one key, one content type, one exact length and one write: the
 * signed Content-Length header makes S3 refuse any other size, so the declared limit is enforced by
 * S3; the signed `If-None-Match: *` makes it a conditional write, which S3 refuses (412
 * PreconditionFailed) once the key holds an object, so the URL cannot replace an original after it
 * was checked, however long it stays valid. Both are headers, so the caller must send them as given.
 */
export async function presignUpload(bucket: string, key: string, contentType: string, bytes: number): Promise<{ url: string; headers: Record<string, string> }> {
  const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: bytes, IfNoneMatch: '*' });
  const url = await getSignedUrl(s3Client(), command, {
    expiresIn: UPLOAD_URL_TTL_SECONDS,
    signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
  });
  return { url, headers: { 'Content-Type': contentType, 'If-None-Match': '*' } };
}

/** How long a download link stays valid. */
export const DOWNLOAD_URL_TTL_SECONDS = 15 * 60;
/*
 * URLs are signed as of the start of a fixed window, so a page that refreshes every few seconds gets
 * the same URL and the browser keeps its cached image instead of fetching it again.
 */
const SIGNING_WINDOW_MS = 5 * 60 * 1000;

/** A GET URL for one object (a download named fileName, when given); the same URL for a whole signing window, so the browser keeps its cached copy. */
export async function presignDownload(bucket: string, key: string, options: { fileName?: string; now?: number; expiresInSeconds?: number } = {}): Promise<string> {
  const now = options.now ?? Date.now();
  const signingDate = new Date(now - (now % SIGNING_WINDOW_MS));
  return getSignedUrl(
    s3Client(),
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentDisposition: options.fileName ? `attachment; filename="${options.fileName.replace(/["\\\r\n]/g, '_')}"` : undefined,
    }),
    { expiresIn: (options.expiresInSeconds ?? DOWNLOAD_URL_TTL_SECONDS) + SIGNING_WINDOW_MS / 1000, signingDate },
  );
}

let origins: Promise<string[]> | undefined;

/** The origins presigned URLs point at (the buckets' endpoints), for the pages' content security policy; worked out once per process, from the first call's buckets. */
export function storageOrigins(buckets: string[]): Promise<string[]> {
  origins ??= Promise.all(buckets.map(async (bucket) => new URL(await presignDownload(bucket, 'origin')).origin)).then((all) => [...new Set(all)]);
  return origins;
}
