import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeFaceIndex, encodeFaceIndex, type FaceIndexSnapshot } from './face-index-file';

const snapshot: FaceIndexSnapshot = {
  generation: 'gen123',
  version: 42,
  dimensions: 4,
  faces: [
    { imageId: 'imgA', faceId: 'imgA.0' },
    { imageId: 'imgB', faceId: 'imgB.1' },
  ],
  matrix: Int8Array.from([1, 2, 3, 4, -5, -6, -7, -127]),
};

/** The object's bytes as S3 hands them on: in chunks of any size, cut anywhere. */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
  return Readable.from(chunks);
}

describe('face index file', () => {
  it('reads back what it wrote, whatever the chunks it arrives in', async () => {
    const bytes = encodeFaceIndex(snapshot);
    for (const size of [1, 3, 7, 32, 33, bytes.length]) {
      const read = await decodeFaceIndex(chunked(bytes, size));
      expect({ ...read, matrix: [...read.matrix] }).toEqual({ ...snapshot, matrix: [...snapshot.matrix] });
      // Exact search reads the matrix from the start of its buffer: it must own one.
      expect(read.matrix.byteOffset).toBe(0);
      expect(read.matrix.buffer.byteLength).toBe(read.matrix.byteLength);
    }
  });

  it('holds an empty library', async () => {
    const empty = { ...snapshot, dimensions: 0, faces: [], matrix: new Int8Array(0) };
    expect(await decodeFaceIndex(chunked(encodeFaceIndex(empty), 5))).toMatchObject({ generation: 'gen123', version: 42, faces: [] });
  });

  it('refuses a cut, lengthened or foreign object', async () => {
    const bytes = encodeFaceIndex(snapshot);
    await expect(decodeFaceIndex(chunked(bytes.subarray(0, bytes.length - 1), 8))).rejects.toThrow(/ends early/);
    await expect(decodeFaceIndex(chunked(Buffer.concat([bytes, Buffer.from('x')]), 8))).rejects.toThrow(/past its end/);
    await expect(decodeFaceIndex(chunked(Buffer.from('not an index at all, not at all'), 8))).rejects.toThrow();
    expect(() => encodeFaceIndex({ ...snapshot, matrix: new Int8Array(3) })).toThrow(/holds 3 values/);
  });
});
