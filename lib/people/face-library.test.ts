import { describe, expect, it } from 'vitest';
import { quantize } from '../faces/descriptors';
import { DescriptorMatrix } from './descriptor-matrix';
import { FaceSegment } from './face-library';

/** `count` faces of one person (a shared direction with a little noise), then `strangers` of nobody's. */
function segment(count: number, strangers: number): { segment: FaceSegment; query: Int8Array } {
  let state = 11;
  const noise = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 2;
  const person = Array.from({ length: 32 }, noise);
  const rows = [
    ...Array.from({ length: count }, () => quantize(person.map((value) => value + 0.1 * noise()))),
    ...Array.from({ length: strangers }, () => quantize(Array.from({ length: 32 }, noise))),
  ];
  const faces = rows.map((_, n) => ({ imageId: `img${n}`, faceId: `img${n}.0` }));
  return { segment: new FaceSegment(faces, DescriptorMatrix.from(rows)), query: quantize(person) };
}

describe('FaceSegment', () => {
  it('finds every match, past the first look, when someone is in more photos than it asks for', () => {
    const { segment: part, query } = segment(600, 400);
    const found = part.matches(query, 0.7);
    expect(found.map((match) => match.face.imageId).sort()).toEqual(Array.from({ length: 600 }, (_, n) => `img${n}`).sort());
    expect(found.map((match) => match.similarity)).toEqual([...found.map((match) => match.similarity)].sort((a, b) => b - a));
  });

  it('leaves out the rows of photos dropped from it', () => {
    const { segment: part, query } = segment(5, 20);
    part.drop(new Set(['img1', 'img3']));
    expect(part.liveRows).toBe(23);
    expect(part.matches(query, 0.7).map((match) => match.face.imageId).sort()).toEqual(['img0', 'img2', 'img4']);
  });
});
