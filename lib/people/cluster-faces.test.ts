import { describe, expect, it } from 'vitest';
import { quantize } from '../faces/descriptors';
import { clusterFaces } from './cluster-faces';
import { similarity } from './descriptor-matrix';

/** A random unit vector, and noisy copies of it (the same face in other photos). */
function person(seed: number, dimensions = 64) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const base = Array.from({ length: dimensions }, random);
  return (noise: number) => quantize(base.map((value) => value + noise * random()));
}

describe('clusterFaces', () => {
  it('groups copies of the same face and keeps different faces apart', () => {
    const alice = person(1);
    const bob = person(2);
    const faces = [alice(0.2), bob(0.2), alice(0.2), bob(0.2), alice(0.2), person(3)(0)];
    expect(similarity(faces[0]!, faces[2]!)).toBeGreaterThan(0.9);
    const labels = clusterFaces(faces, { minSimilarity: 0.8, minFaces: 2, neighbourLimit: 10 });
    expect(labels[0]).toBe(labels[2]);
    expect(labels[0]).toBe(labels[4]);
    expect(labels[1]).toBe(labels[3]);
    expect(labels[0]).not.toBe(labels[1]);
    // Seen once: nobody's, below the minimum group size.
    expect(labels[5]).toBe(-1);
  });

  it('with a minimum of one, every face is someone', () => {
    const labels = clusterFaces([person(4)(0), person(5)(0)], { minSimilarity: 0.8, minFaces: 1, neighbourLimit: 10 });
    expect(labels).toEqual([0, 1]);
  });
});
