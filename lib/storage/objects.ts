import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { allItems } from '../all-pages';
import { s3Client } from '../aws/clients';
import { TRACE_METADATA_KEY } from '../observability/tracing';

// An object's GetObject answer, its body not yet read; null when it does not exist.
async function getObject(bucket: string, key: string): Promise<GetObjectCommandOutput | null> {
  try {
    return await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if (error instanceof NoSuchKey) return null;
    throw error;
  }
}

/** Reads a whole object into memory, with its eTag unquoted; null when it does not exist. */
export async function readObject(bucket: string, key: string): Promise<{ body: Buffer; eTag: string; contentType?: string; metadata: Record<string, string> } | null> {
  const result = await getObject(bucket, key);
  if (!result) return null;
  const body = Buffer.from(await result.Body!.transformToByteArray());
  return { body, eTag: unquote(result.ETag ?? ''), contentType: result.ContentType, metadata: result.Metadata ?? {} };
}

/** The size and version of an object without reading it; null when it does not exist. */
export async function headObject(bucket: string, key: string): Promise<{ bytes: number; eTag: string } | null> {
  try {
    const result = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { bytes: result.ContentLength ?? 0, eTag: unquote(result.ETag ?? '') };
  } catch (error) {
    if (error instanceof NotFound || error instanceof NoSuchKey) return null;
    throw error;
  }
}

/**
 * How browsers and CloudFront may keep a media object (/media/…, lib/storage/media-paths.ts). A key
 * whose bytes never change is kept a year without asking again; the signed cookie, not the URL,
 * decides who may fetch it, so shared caches may keep it too (CloudFront checks the cookie before its
 * cache). A key written over in place (a watermarked copy that share links read by its key, a face's
 * crop under the face's lasting id) is kept too, but asked about again each time, so the owner never
 * sees the copy it replaced; the answer is a 304 with no body while it has not changed.
 */
export const CACHE_CONTROL = {
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'public, max-age=0, must-revalidate',
} as const;

/**
 * Writes a whole object from memory; its bytes never change unless `cache` says it is written over in
 * place. `metadata` is its user metadata (a job trigger's trace).
 */
export async function writeObject(
  bucket: string,
  key: string,
  body: Buffer,
  contentType: string,
  options: { cache?: keyof typeof CACHE_CONTROL; metadata?: Record<string, string> } = {},
): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, CacheControl: CACHE_CONTROL[options.cache ?? 'immutable'], Metadata: options.metadata }),
  );
}

/** Every key under a prefix, gathered in memory before it answers. */
export async function listKeys(bucket: string, prefix: string): Promise<string[]> {
  return allItems(async (token) => {
    const page = await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
    return { items: keys, cursor: page.IsTruncated ? page.NextContinuationToken : undefined };
  });
}

/** Removes the objects, a thousand to a request; absent keys are fine, since deletion is retried. */
export async function deleteObjects(bucket: string, keys: string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += 1000) {
    const batch = keys.slice(start, start + 1000);
    const result = await s3Client().send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
    );
    if (result.Errors?.length) throw new Error(`Could not delete ${result.Errors.length} objects from ${bucket}: ${result.Errors[0]?.Message}`);
  }
}

/** Removes everything under a prefix as it is listed now: an object written meanwhile may stay. */
export async function deletePrefix(bucket: string, prefix: string): Promise<void> {
  await deleteObjects(bucket, await listKeys(bucket, prefix));
}

function unquote(eTag: string): string {
  return eTag.replace(/^"|"$/g, '');
}

/** Copies an object within S3, without passing its bytes through this process; into another bucket when `toBucket` is given. */
export async function copyObject(bucket: string, fromKey: string, toKey: string, toBucket = bucket, replace?: { contentType: string; metadata: Record<string, string> }): Promise<void> {
  await s3Client().send(
    new CopyObjectCommand({
      Bucket: toBucket,
      Key: toKey,
      CopySource: copySource(bucket, fromKey),
      // The copy's own metadata (a job trigger's trace) instead of the source's; S3 then wants its type again too.
      ...(replace ? { MetadataDirective: 'REPLACE', ContentType: replace.contentType, Metadata: replace.metadata } : {}),
    }),
  );
}

/** CopySource is "bucket/key" with the key URL-encoded segment by segment. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Copies an object onto itself, which makes S3 announce it again with a fresh ObjectCreated:Copy
 * event. This is how a dead letter is redriven through the same queue and handler as an upload.
 */
export async function renotifyObject(bucket: string, key: string, reason: string): Promise<void> {
  const { ContentType, Metadata } = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  // The trace the trigger carried goes with it, so a run announced again joins the trace the first one did.
  const trace = Metadata?.[TRACE_METADATA_KEY];
  await s3Client().send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: key,
      CopySource: copySource(bucket, key),
      MetadataDirective: 'REPLACE',
      ContentType,
      Metadata: { ...(trace ? { [TRACE_METADATA_KEY]: trace } : {}), renotified: reason },
    }),
  );
}

/** An object's bytes as a stream and its length, read as they are needed; null when it does not exist. */
export async function openObjectStream(bucket: string, key: string): Promise<{ body: Readable; bytes: number } | null> {
  const result = await getObject(bucket, key);
  return result ? { body: result.Body as Readable, bytes: result.ContentLength ?? 0 } : null;
}
