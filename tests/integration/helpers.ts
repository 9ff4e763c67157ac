import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { nanoid } from 'nanoid';
import { CloudFrontClient, GetInvalidationCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront';
import { cdnSettings } from '@/lib/config';
import { findImage, type ImageItem } from '@/lib/db';
import { createUpload } from '@/lib/images';
import { recordLinkView } from '@/lib/links/record-link-view';
import { resolveLink } from '@/lib/links/resolve-link';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

export function fixture(relative: string): Promise<Buffer> {
  return readFile(path.join(FIXTURES, relative));
}

export function newUserId(): string {
  return `usr_${nanoid(12)}`;
}

/** Does what the browser does: asks for a presigned upload, then PUTs the bytes to the emulator. */
export async function uploadAsBrowser(userId: string, body: Buffer, fileName: string, contentType: string) {
  const upload = await createUpload(userId, { fileName, contentType, bytes: body.length });
  const response = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(body), headers: upload.headers });
  return { imageId: upload.imageId, upload, response };
}

/** Polls the record until it leaves the in-flight states, as the dashboard does. */
export async function waitForSettled(userId: string, imageId: string, timeoutMs = 30_000): Promise<ImageItem> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const image = await findImage(userId, imageId);
    if (image && (image.status === 'ready' || image.status === 'failed')) return image;
    if (Date.now() > deadline) throw new Error(`Image ${imageId} still ${image?.status ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Polls until `done` holds for what `read` returns, as a page watching something in flight would; fails naming `what` with the last value.
 * Every 200 ms, as each read costs the emulators CPU; a test that must catch a moment (a run under way, to kill it) polls faster.
 */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms (last: ${JSON.stringify(value)?.slice(0, 400)})`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

// Made when first asked for, under the environment of the cloud the calling file runs against.
let cloudFront: CloudFrontClient | undefined;

/** The paths of every invalidation the CloudFront stand-in has been asked for, newest first. */
export async function invalidatedPaths(): Promise<string[][]> {
  cloudFront ??= new CloudFrontClient({});
  const client = cloudFront;
  const distributionId = cdnSettings().distributionId!;
  const ids: string[] = [];
  let marker: string | undefined;
  do {
    const { InvalidationList } = await client.send(new ListInvalidationsCommand({ DistributionId: distributionId, Marker: marker, MaxItems: 100 }));
    ids.push(...(InvalidationList?.Items ?? []).map((summary) => summary.Id!));
    marker = InvalidationList?.IsTruncated ? InvalidationList.NextMarker : undefined;
  } while (marker);
  return Promise.all(
    ids.map(async (id) => {
      const { Invalidation } = await client.send(new GetInvalidationCommand({ DistributionId: distributionId, Id: id }));
      return Invalidation?.InvalidationBatch?.Paths?.Items ?? [];
    }),
  );
}

/** A view of a link as its page counts one: the page's lookup, then the count against the counter it read. */
export async function viewLink(code: string, userAgent: string | null): Promise<boolean> {
  const resolution = await resolveLink(code);
  if (resolution.state !== 'active') throw new Error(`link ${code} is ${resolution.state}`);
  return recordLinkView(resolution.counter, userAgent);
}
