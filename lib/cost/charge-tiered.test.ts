import { describe, expect, test } from 'vitest';
import { chargeTiered } from './charge-tiered';
import { PRICES } from './prices';

const detectFaces = PRICES.rekognition.detectFacesImage;

describe('chargeTiered', () => {
  test('nothing used costs nothing', () => {
    expect(chargeTiered(0, detectFaces)).toBe(0);
  });

  test('inside the first tier, every unit is at the first price', () => {
    expect(chargeTiered(500_000, detectFaces)).toBeCloseTo(500, 6);
    expect(chargeTiered(1_000_000, detectFaces)).toBeCloseTo(1_000, 6);
  });

  test('across tiers, each tier prices only its own units', () => {
    // 1M at $0.001 + 4M at $0.0008 + 5M at $0.0006
    expect(chargeTiered(10_000_000, detectFaces)).toBeCloseTo(1_000 + 3_200 + 3_000, 6);
  });

  test('past the last boundary, the open-ended tier applies', () => {
    // ... + 30M at $0.0006 + 5M at $0.00025
    expect(chargeTiered(40_000_000, detectFaces)).toBeCloseTo(1_000 + 3_200 + 18_000 + 1_250, 6);
  });

  test('fractional quantities (GB) are priced pro rata', () => {
    expect(chargeTiered(0.5, [{ upTo: Infinity, price: 0.09 }])).toBeCloseTo(0.045, 9);
  });

  test('refuses negative or non-numeric quantities, and quantities beyond finite tiers', () => {
    expect(() => chargeTiered(-1, detectFaces)).toThrow(RangeError);
    expect(() => chargeTiered(Number.NaN, detectFaces)).toThrow(RangeError);
    expect(() => chargeTiered(11, [{ upTo: 10, price: 1 }])).toThrow(RangeError);
  });
});
