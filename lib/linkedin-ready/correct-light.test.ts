import { describe, expect, it } from 'vitest';
import { correctLight, whiteBalanceGains } from './correct-light';

/** The opponent-axis hue of a colour, as correct-light.ts reads skin. */
function hue([r, g, b]: number[]): number {
  return (Math.atan2((r! + g!) / 2 - b!, r! - g!) * 180) / Math.PI;
}

const luma = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;

describe('white balance from skin', () => {
  it('leaves skin whose hue is in the band as it is', () => {
    // portraits/grace-hopper.jpg's and faces/astronaut.png's skin means.
    expect(whiteBalanceGains([212, 130, 100])).toEqual([1, 1, 1]);
    expect(whiteBalanceGains([205, 168, 146])).toEqual([1, 1, 1]);
  });

  it('leaves a toned print alone: too little chroma to be a cast', () => {
    expect(whiteBalanceGains([145, 133, 115])).toEqual([1, 1, 1]);
  });

  it('turns a blue cast back towards skin, keeping the luma', () => {
    // Skin under a cold, magenta-blue light: its hue is 0°, below the band.
    const cast = [190, 150, 170];
    const gains = whiteBalanceGains(cast as [number, number, number]);
    const corrected = cast.map((value, i) => value * gains[i]!);
    expect(hue(cast)).toBeLessThan(10);
    expect(hue(corrected)).toBeGreaterThan(hue(cast) + 5);
    expect(luma(corrected)).toBeCloseTo(luma(cast), -1);
    for (const gain of gains) expect(Math.abs(gain - 1)).toBeLessThanOrEqual(0.15 + 1e-9);
  });
});

describe('exposure from the face', () => {
  it('lifts a face in shadow, measured on the face, not the bright frame around it', async () => {
    const side = 100;
    const data = Buffer.alloc(side * side * 3, 240);
    // A dark face in the middle of a bright frame.
    for (let y = 30; y < 70; y++) for (let x = 30; x < 70; x++) data.set([80, 60, 50], (y * side + x) * 3);
    const { gains } = await correctLight({ data, width: side, height: side }, { left: 0.3, top: 0.3, width: 0.4, height: 0.4 });
    expect(gains[0]).toBeGreaterThan(1.2);
    expect(gains[0]).toBeLessThanOrEqual(1.35);
  });

  it('leaves a well-lit face as it is', async () => {
    const side = 100;
    const data = Buffer.alloc(side * side * 3, 30);
    for (let y = 30; y < 70; y++) for (let x = 30; x < 70; x++) data.set([200, 150, 125], (y * side + x) * 3);
    const { gains } = await correctLight({ data, width: side, height: side }, { left: 0.3, top: 0.3, width: 0.4, height: 0.4 });
    expect(gains).toEqual([1, 1, 1]);
  });
});
