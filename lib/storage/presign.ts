import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { formatUrl } from '@aws-sdk/core/util';
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { s3Client } from '../aws/clients';

/** How long the browser has to start its upload. */
export const UPLOAD_URL_TTL_SECONDS = 10 * 60;

/**
 * A PUT URL that S3 itself holds to one key, one content type, one exact length and one write: the
 * signed Content-Length header makes S3 refuse any other size, so the declared limit is enforced by
 * S3; the signed `If-None-Match: *` makes it a conditional write, which S3 refuses (412
 * PreconditionFailed) once the key holds an object, so the URL cannot replace an original after it
 * was checked, however long it stays valid. Both are headers, so the caller must send them as given.
 * Metadata given is set on the object, from the URL itself.
 */
export async function presignUpload(bucket: string, key: string, contentType: string, bytes: number, metadata: Record<string, string> = {}): Promise<{ url: string; headers: Record<string, string> }> {
  // Metadata (x-amz-meta-*) is not among the signed headers, so the presigner moves it into the URL's signed query: S3 stores it as sent, and the caller sends nothing more.
  const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: bytes, IfNoneMatch: '*', Metadata: metadata });
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
  return presignGetObject(s3Client(), {
    bucket,
    key,
    contentDisposition: options.fileName ? `attachment; filename="${options.fileName.replace(/["\\\r\n]/g, '_')}"` : undefined,
    expiresIn: (options.expiresInSeconds ?? DOWNLOAD_URL_TTL_SECONDS) + SIGNING_WINDOW_MS / 1000,
    signingDate: new Date(now - (now % SIGNING_WINDOW_MS)),
  });
}

export interface GetObjectUrl {
  bucket: string;
  key: string;
  contentDisposition?: string;
  expiresIn: number;
  signingDate: Date;
}

/** Where a bucket's objects are and how their URLs are signed, as the client resolves them. */
interface BucketSigning {
  base: URL;
  /** What the stack adds to every GetObject's query (`x-id`, a checksum mode), which the signature covers. */
  query: Record<string, string>;
  presigner: S3RequestPresigner;
}
const PROBE_KEY = 'presign-probe';
const signings = new WeakMap<S3Client, Map<string, Promise<BucketSigning>>>();

/**
 * Signs a GET URL with the SDK's own S3 presigner, as getSignedUrl does, but without running the
 * client's whole middleware stack (endpoint rules, serializers) for every URL: that took 1.4 ms of
 * CPU a URL here against 0.2 ms for the signing itself, and a photo's page or its API answer signs
 * two URLs a size. What the stack works out (the bucket's endpoint and addressing, the signing region
 * and service) depends on the bucket alone, so it is read once per bucket from a URL getSignedUrl
 * made. presign.test.ts checks that both give the very same URL, on the emulator and on AWS.
 */
export async function presignGetObject(client: S3Client, url: GetObjectUrl): Promise<string> {
  const { base, query, presigner } = await bucketSigning(client, url.bucket);
  const presigned = await presigner.presign(
    {
      method: 'GET',
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port ? Number(base.port) : undefined,
      // S3 keys are escaped segment by segment, the slashes kept, as the SDK's serializer escapes them.
      path: `${base.pathname}${url.key.split('/').map(escapeKeySegment).join('/')}`,
      query: { ...query, ...(url.contentDisposition ? { 'response-content-disposition': url.contentDisposition } : {}) },
      headers: { host: base.host },
    },
    { expiresIn: url.expiresIn, signingDate: url.signingDate },
  );
  return formatUrl(presigned);
}

function escapeKeySegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function bucketSigning(client: S3Client, bucket: string): Promise<BucketSigning> {
  let byBucket = signings.get(client);
  if (!byBucket) signings.set(client, (byBucket = new Map()));
  let signing = byBucket.get(bucket);
  if (!signing) {
    signing = getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: PROBE_KEY }), { expiresIn: 60 }).then((probe) => {
      const base = new URL(probe);
      // X-Amz-Credential: <key id>/<date>/<region>/<service>/aws4_request
      const [, , region, service] = base.searchParams.get('X-Amz-Credential')!.split('/');
      // The presigner writes the X-Amz-* parameters of each URL itself.
      const query = Object.fromEntries([...base.searchParams].filter(([name]) => !name.startsWith('X-Amz-')));
      base.search = '';
      base.pathname = base.pathname.slice(0, -PROBE_KEY.length);
      return { base, query, presigner: new S3RequestPresigner({ ...client.config, signingName: service, region: async () => region! }) };
    });
    // A probe that failed (credentials not there yet) is tried again next time.
    signing.catch(() => byBucket.delete(bucket));
    byBucket.set(bucket, signing);
  }
  return signing;
}

let origins: Promise<string[]> | undefined;

/** The origins presigned URLs point at (the buckets' endpoints), for the pages' content security policy; worked out once per process, from the first call's buckets. */
export function storageOrigins(buckets: string[]): Promise<string[]> {
  origins ??= Promise.all(buckets.map(async (bucket) => new URL(await presignDownload(bucket, 'origin')).origin)).then((all) => [...new Set(all)]);
  return origins;
}
