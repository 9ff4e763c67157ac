import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHeic, HeicDecodeError } from './decode-heic';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const read = (relative: string) => readFileSync(path.join(fixtures, relative));

describe('decodeHeic', () => {
  it('decodes the primary image, not the other photo or the thumbnails the file also holds', () => {
    const pixels = decodeHeic(read('formats/example.heic'));
    expect(pixels).toMatchObject({ width: 1280, height: 854, channels: 3 });
    expect(pixels.data.length).toBe(1280 * 854 * 3);
    // The primary photo is a town under a blue sky; the file's other photo (the same size) has pink blossom at the top.
    const sky = pixels.data.subarray(0, 1280 * 100 * 3);
    const mean = (channel: number) => sky.reduce((sum, value, i) => (i % 3 === channel ? sum + value : sum), 0) / (sky.length / 3);
    expect(mean(2) - mean(0)).toBeGreaterThan(50);
  });

  it('applies the irot turn while decoding: the pixels come out upright', () => {
    // Coded 280 × 200 on its side.
    expect(decodeHeic(read('orientation/irot-270.heic'))).toMatchObject({ width: 200, height: 280 });
  });

  it('refuses a file cut off after its header, with libheif’s reason, and decodes the next file as usual', () => {
    expect(() => decodeHeic(read('hostile/truncated-iphone.heic'))).toThrow(HeicDecodeError);
    expect(() => decodeHeic(Buffer.from('not a HEIC at all'))).toThrow(HeicDecodeError);
    expect(decodeHeic(read('formats/display-p3.heic'))).toMatchObject({ width: 320, height: 213 });
  });
});
