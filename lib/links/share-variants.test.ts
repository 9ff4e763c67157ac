import { describe, expect, it } from 'vitest';
import type { ImageVariant } from '../db';
import { defaultShareVariant, shareableVariants } from './share-variants';

function variant(name: string, format: 'webp' | 'jpeg', longSide: number, watermarked = false): ImageVariant {
  return { name, format, width: longSide, height: Math.round(longSide * 0.75), bytes: 1000, key: `images/u/i/${name}.${format}`, watermarked };
}

function both(name: string, longSide: number, watermarked = false): ImageVariant[] {
  return [variant(name, 'webp', longSide, watermarked), variant(name, 'jpeg', longSide, watermarked)];
}

describe('shareable variants', () => {
  it('pairs each name’s WebP with its JPEG and leaves out names missing either', () => {
    const variants = shareableVariants([...both('w256', 256), variant('w640', 'webp', 640)]);
    expect(variants.map((v) => v.name)).toEqual(['w256']);
    expect(variants[0]).toMatchObject({ webpKey: 'images/u/i/w256.webp', jpegKey: 'images/u/i/w256.jpeg', watermarked: false });
  });

  it('defaults to the watermarked copy when the owner has a watermark', () => {
    const variants = shareableVariants([...both('w256', 256), ...both('w640', 640), ...both('w1280', 1280), ...both('w2048', 2048), ...both('w640-public', 640, true), ...both('w1280-public', 1280, true)]);
    expect(defaultShareVariant(variants)?.name).toBe('w1280-public');
    expect(variants.find((v) => v.name === 'w1280-public')?.label).toBe('1280 × 960, watermarked');
  });

  it('defaults to the largest clean public size without a watermark, never the full-size download', () => {
    const variants = shareableVariants([...both('w256', 256), ...both('w640', 640), ...both('w1280', 1280), ...both('w2048', 2048)]);
    expect(defaultShareVariant(variants)?.name).toBe('w1280');
  });

  it('shares what there is of a small image, and nothing of an unprocessed one', () => {
    expect(defaultShareVariant(shareableVariants(both('w256', 200)))?.name).toBe('w256');
    expect(defaultShareVariant(shareableVariants([]))).toBeNull();
  });
});
