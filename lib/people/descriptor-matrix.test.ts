import { describe, expect, it } from 'vitest';
import { decodeDescriptor, encodeDescriptor, quantize } from '../faces/descriptors';
import { DescriptorMatrix, similarity } from './descriptor-matrix';

const vector = (seed: number) => Array.from({ length: 128 }, (_, i) => Math.sin(seed * (i + 1)));

describe('descriptors', () => {
  it('keep the cosine similarity of the originals through int8 storage', () => {
    const [a, b] = [vector(1), vector(2)];
    const dot = a.reduce((sum, value, i) => sum + value * b[i]!, 0);
    const cosine = dot / Math.hypot(...a) / Math.hypot(...b);
    expect(similarity(quantize(a), quantize(b))).toBeCloseTo(cosine, 2);
    expect(similarity(quantize(a), quantize(a))).toBeCloseTo(1, 5);
  });

  it('compare a decoded descriptor, a view into a larger buffer, by its own bytes', () => {
    const decoded = decodeDescriptor(encodeDescriptor(vector(3)));
    expect(decoded.byteOffset === 0 && decoded.byteLength === decoded.buffer.byteLength).toBe(false);
    expect(similarity(decoded, quantize(vector(3)))).toBeCloseTo(1, 5);
  });

  it('rank every row by similarity, most similar first', () => {
    const matrix = DescriptorMatrix.from([vector(1), vector(2), vector(3)].map(quantize));
    const nearest = matrix.nearest(quantize(vector(2)));
    expect(nearest.map((neighbour) => neighbour.row)).toEqual([1, ...nearest.slice(1).map((neighbour) => neighbour.row)]);
    expect(nearest).toHaveLength(3);
    expect(nearest[0]!.similarity).toBeGreaterThanOrEqual(nearest[1]!.similarity);
    expect(nearest[1]!.similarity).toBeGreaterThanOrEqual(nearest[2]!.similarity);
    expect(matrix.nearest(quantize(vector(2)), 1)).toHaveLength(1);
  });
});
