import { PassThrough, Readable } from 'node:stream';
import ZipStream, { type FileDataInput } from 'zip-stream';

export interface ZipArchive {
  /** The archive's bytes as they are made; whoever reads it sets the pace (backpressure reaches the files' reads). */
  output: Readable;
  /** Appends one file, once the previous one is in; answers how many bytes it held. */
  add(source: Buffer | Readable, entry: FileDataInput): Promise<number>;
  /** Writes the central directory; `output` ends after it. */
  finalize(): void;
  /** Bytes of archive made so far (all of it, once `output` has ended). */
  bytesWritten(): number;
  /** Stops reading the file being added and ends `output` with the error given, if any. */
  destroy(error?: Error): void;
}

/**
 * A ZIP made as a stream, one file after the other, every file going in as a stream (buffers too),
 * so nothing holds more than a chunk of it: the export writes one into S3 (zip-upload.ts), an album's
 * "Download all" sends one to the visitor.
 */
export function openZipArchive(): ZipArchive {
  const zip = new ZipStream({ zlib: { level: 6 } });
  const output = new PassThrough();
  zip.on('error', (error: Error) => output.destroy(error));
  zip.pipe(output);
  let reading: Readable | null = null;
  return {
    output,
    add(source, entry) {
      const stream = Buffer.isBuffer(source) ? Readable.from([source], { objectMode: false }) : source;
      reading = stream;
      // A file mode makes the entries Unix ones: Info-ZIP's unzip reads the names of DOS entries as code page 437, UTF-8 flag or not.
      return appendEntry(zip, stream, { mode: 0o644, ...entry });
    },
    finalize() {
      zip.finalize();
    },
    bytesWritten() {
      return zip.getBytesWritten();
    },
    destroy(error) {
      // An S3 read left half-done would hold its connection open.
      reading?.destroy();
      zip.destroy();
      output.destroy(error);
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
