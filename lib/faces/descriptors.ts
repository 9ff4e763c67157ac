/*
 * Face descriptors of the built-in model, stored small: L2-normalised, then each component scaled to
 * an int8 (×127). The cosine similarity of two stored descriptors is that of the originals to within
 * about 0.01, and a descriptor takes a quarter of the space of float32.
 */

const SCALE = 127;

export function normalize(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum) || 1;
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}

export function quantize(vector: ArrayLike<number>): Int8Array {
  const unit = normalize(vector);
  const out = new Int8Array(unit.length);
  for (let i = 0; i < unit.length; i++) out[i] = Math.max(-SCALE, Math.min(SCALE, Math.round(unit[i]! * SCALE)));
  return out;
}

export function encodeDescriptor(vector: ArrayLike<number>): string {
  const quantized = quantize(vector);
  return Buffer.from(quantized.buffer, quantized.byteOffset, quantized.byteLength).toString('base64');
}

export function decodeDescriptor(encoded: string): Int8Array {
  const bytes = Buffer.from(encoded, 'base64');
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
