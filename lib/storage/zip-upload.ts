import { PassThrough, Readable } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import ZipStream, { type FileDataInput } from 'zip-stream';
import { s3Client } from '../aws/clients';

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
  const zip = new ZipStream({ zlib: { level: 6 } });
  const body = new PassThrough();
  zip.on('error', (error: Error) => body.destroy(error));
  zip.pipe(body);
  const upload = new Upload({
    client: s3Client(),
    params: { Bucket: bucket, Key: key, Body: body, ContentType: 'application/zip', CacheControl: 'private, no-store' },
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
  let reading: Readable | null = null;

  return {
    add(source, entry) {
      const stream = Buffer.isBuffer(source) ? Readable.from([source], { objectMode: false }) : source;
      reading = stream;
      // A file mode makes the entries Unix ones: Info-ZIP's unzip reads the names of DOS entries as code page 437, UTF-8 flag or not.
      return Promise.race([appendEntry(zip, stream, { mode: 0o644, ...entry }), failed]);
    },
    async finish() {
      zip.finalize();
      await uploaded;
      return zip.getBytesWritten();
    },
    async abort() {
      // An S3 read left half-done would hold its connection open.
      reading?.destroy();
      zip.destroy();
      body.destroy();
      await upload.abort().catch(() => undefined);
    },
  };
}

function appendEntry(zip: ZipStream, source: Readable, entry: FileDataInput): Promise<number> {
  return new Promise((resolve, reject) => {
    // The zip library may never call back when its source fails midway; the source's own error is final.
    source.once('error', (error) => {
      source.destroy();
      reject(error);
    });
    zip.entry(source, entry, (error, written) => (error ? reject(error) : resolve(written?.getSize() ?? 0)));
  });
}
