import type { Readable } from 'node:stream';
import { z } from 'zod';

/*
 * A user's face index as one object: a fixed header, the descriptors laid end to end (int8, as the
 * table stores them), then who each row is. Exact search reads the matrix as it is, so loading is one
 * read into one buffer, with nothing to build.
 *
 *   0  "HSFI"            4  format (u32, 1)    8  library version (f64)
 *  16  dimensions (u32) 20  rows (u32)        24  bytes of the text part (u32)   28  reserved
 *  32  rows × dimensions int8
 *   …  text, UTF-8: the library's generation, then one "imageId<TAB>faceId" line per row
 */

const MAGIC = 'HSFI';
const FORMAT = 1;
const HEADER_BYTES = 32;

/** Who one row of the matrix is. */
export interface FaceRef {
  imageId: string;
  faceId: string;
}

/** What a face index object holds: a snapshot of the user's described faces at one library version. */
export interface FaceIndexSnapshot {
  generation: string;
  version: number;
  dimensions: number;
  faces: FaceRef[];
  /** rows × dimensions, row i being faces[i]. */
  matrix: Int8Array;
}

const HeaderSchema = z.object({
  magic: z.literal(MAGIC),
  format: z.literal(FORMAT),
  version: z.number().int().nonnegative(),
  dimensions: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  textBytes: z.number().int().nonnegative(),
});

export function encodeFaceIndex(snapshot: FaceIndexSnapshot): Buffer {
  const rows = snapshot.faces.length;
  if (snapshot.matrix.length !== rows * snapshot.dimensions) throw new Error(`A face index of ${rows} rows of ${snapshot.dimensions} holds ${snapshot.matrix.length} values`);
  const text = Buffer.from([snapshot.generation, ...snapshot.faces.map((face) => `${face.imageId}\t${face.faceId}`)].join('\n'), 'utf8');
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(FORMAT, 4);
  header.writeDoubleLE(snapshot.version, 8);
  header.writeUInt32LE(snapshot.dimensions, 16);
  header.writeUInt32LE(rows, 20);
  header.writeUInt32LE(text.length, 24);
  return Buffer.concat([header, Buffer.from(snapshot.matrix.buffer, snapshot.matrix.byteOffset, snapshot.matrix.byteLength), text]);
}

/**
 * Reads a face index object as it streams in, each part straight into its own buffer: at 100,000
 * faces the matrix is 100 MB, and it is neither gathered in chunks first nor copied after.
 * Throws on anything that is not a whole index of this format.
 */
export async function decodeFaceIndex(body: Readable | AsyncIterable<Uint8Array>): Promise<FaceIndexSnapshot> {
  const header = Buffer.alloc(HEADER_BYTES);
  let matrix: Int8Array | null = null;
  let text: Buffer | null = null;
  let read = 0;
  let parsed: z.infer<typeof HeaderSchema> | null = null;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    let at = 0;
    while (at < chunk.length) {
      if (read < HEADER_BYTES) {
        const n = Math.min(HEADER_BYTES - read, chunk.length - at);
        header.set(chunk.subarray(at, at + n), read);
        read += n;
        at += n;
        if (read === HEADER_BYTES) {
          parsed = HeaderSchema.parse({
            magic: header.toString('latin1', 0, 4),
            format: header.readUInt32LE(4),
            version: header.readDoubleLE(8),
            dimensions: header.readUInt32LE(16),
            rows: header.readUInt32LE(20),
            textBytes: header.readUInt32LE(24),
          });
          matrix = new Int8Array(parsed.rows * parsed.dimensions);
          text = Buffer.alloc(parsed.textBytes);
        }
        continue;
      }
      const matrixEnd = HEADER_BYTES + matrix!.length;
      const textEnd = matrixEnd + text!.length;
      if (read < matrixEnd) {
        const n = Math.min(matrixEnd - read, chunk.length - at);
        new Uint8Array(matrix!.buffer).set(chunk.subarray(at, at + n), read - HEADER_BYTES);
        read += n;
        at += n;
      } else if (read < textEnd) {
        const n = Math.min(textEnd - read, chunk.length - at);
        text!.set(chunk.subarray(at, at + n), read - matrixEnd);
        read += n;
        at += n;
      } else {
        throw new Error('A face index object runs past its end');
      }
    }
  }
  if (!parsed || read !== HEADER_BYTES + matrix!.length + text!.length) throw new Error('A face index object ends early');
  const [generation, ...lines] = text!.toString('utf8').split('\n');
  const faces = parsed.rows === 0 ? [] : lines.map((line) => {
    const tab = line.indexOf('\t');
    return { imageId: line.slice(0, tab), faceId: line.slice(tab + 1) };
  });
  if (!generation || faces.length !== parsed.rows) throw new Error('A face index object names its rows wrongly');
  return { generation, version: parsed.version, dimensions: parsed.dimensions, faces, matrix: matrix! };
}
