import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import type { FileDataInput } from 'zip-stream';
import { s3Client } from '../aws/clients';
import { openZipArchive } from './zip-archive';

/**
 * The upload holds at most PARTS_IN_FLIGHT parts of PART_BYTES (S3's multipart limits: 5 MiB to
 * 5 GiB a part, 10,000 parts, so archives of up to 50 GB); that, not the archive, bounds the memory.
 */
const PART_BYTES = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

export interface ArchiveUpload {
  /** Appends one file, once the previous one is in; answers how many bytes it held. */
  add(source: Buffer | Readable, entry: FileDataInput): Promise<number>;
  /** Writes the central directory and waits for S3 to have the whole archive; answers its size. */
  finish(): Promise<number>;
  /** Stops the upload and drops its parts. */
  abort(): Promise<void>;
}

/**
 * A ZIP written straight into a multipart upload. Every file goes in as a stream, buffers too, so
 * backpressure reaches back to the S3 read: when the upload is behind, reading waits.
 */
export function startArchiveUpload(bucket: string, key: string): ArchiveUpload {
  const archive = openZipArchive();
  const upload = new Upload({
    client: s3Client(),
    params: { Bucket: bucket, Key: key, Body: archive.output, ContentType: 'application/zip', CacheControl: 'private, no-store' },
    partSize: PART_BYTES,
    queueSize: PARTS_IN_FLIGHT,
    leavePartsOnError: false,
  });
  const uploaded = upload.done();
  // A failed upload stops draining the archive: whatever entry waits on it is woken with the error.
  const failed = uploaded.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => Promise.reject(error),
  );
  failed.catch(() => undefined);

  return {
    add(source, entry) {
      return Promise.race([archive.add(source, entry), failed]);
    },
    async finish() {
      archive.finalize();
      await uploaded;
      return archive.bytesWritten();
    },
    async abort() {
      archive.destroy();
      await upload.abort().catch(() => undefined);
    },
  };
}
