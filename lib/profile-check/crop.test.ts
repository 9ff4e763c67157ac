import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LINKEDIN_FACE_SHARE, planLinkedInCrop, renderLinkedInCrops } from './crop';
import { CropPlanSchema } from './schemas';
import { testFace } from './test-face';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', name));

describe('planLinkedInCrop', () => {
  it('centres a square on the face with the face at 60% of its height', () => {
    // A 3000 × 2000 photo with a 600-px face centred at (1500, 900).
    const plan = planLinkedInCrop(testFace({ left: 0.45, top: 0.3, width: 0.1, height: 0.3 }), { width: 1500, height: 1000 }, { width: 3000, height: 2000 });
    expect(plan.status).toBe('ok');
    if (plan.status !== 'ok') return;
    expect(plan.side).toBe(1000);
    expect(600 / plan.side).toBeCloseTo(LINKEDIN_FACE_SHARE, 2);
    expect(plan.square.left * 3000 + plan.side / 2).toBeCloseTo(1500, 0);
    expect(plan.square.top * 2000 + plan.side / 2).toBeCloseTo(900, 0);
    expect(plan.square.size).toBeCloseTo(1000 / 3000, 6);
    expect(plan.box).toEqual({ left: plan.square.left, top: plan.square.top, width: 1000 / 3000, height: 1000 / 2000 });
    expect(plan.sizes).toEqual([400, 800]);
  });

  it('keeps the square inside the photo when the face is near an edge', () => {
    const plan = planLinkedInCrop(testFace({ left: 0.9, top: 0.02, width: 0.1, height: 0.2 }), { width: 2000, height: 1500 });
    expect(plan.status).toBe('ok');
    if (plan.status !== 'ok') return;
    expect(plan.square.left + plan.square.size).toBeCloseTo(1, 6);
    expect(plan.square.top).toBe(0);
    expect(CropPlanSchema.parse(plan)).toEqual(plan);
  });

  it('grows the square to 400 source pixels rather than enlarge a small face', () => {
    const plan = planLinkedInCrop(testFace({ left: 0.35, top: 0.14, width: 0.18, height: 0.2 }), { width: 512, height: 512 });
    expect(plan).toMatchObject({ status: 'ok', side: 400, sizes: [400] });
  });

  it('uses the whole short side when the face is too big for 60%', () => {
    const plan = planLinkedInCrop(testFace({ left: 0.2, top: 0.1, width: 0.6, height: 0.8 }), { width: 600, height: 800 });
    expect(plan).toMatchObject({ status: 'ok', side: 600, square: { left: 0, size: 1 } });
  });

  it.each([
    [{ width: 399, height: 1200 }, undefined],
    [{ width: 1600, height: 1200 }, { width: 600, height: 380 }],
  ])('is too small when the photo has under 400 px across (%o from %o)', (image, source) => {
    const plan = planLinkedInCrop(testFace({ left: 0.4, top: 0.3, width: 0.2, height: 0.3 }), image, source);
    expect(plan.status).toBe('too-small');
    if (plan.status !== 'too-small') return;
    expect(plan.message).toMatch(/at least 400 × 400 px/);
    expect(plan.message).toMatch(/Upload the original photo/);
  });
});

describe('renderLinkedInCrops', () => {
  it('writes 400 and 800 px JPEGs when the square has 800 source pixels', async () => {
    const source = fixture('faces/group-sample1.jpg'); // 1920 × 1280
    const plan = planLinkedInCrop(testFace({ left: 0.4, top: 0.2, width: 0.2, height: 0.5 }), { width: 1920, height: 1280 });
    const crops = await renderLinkedInCrops(source, plan);
    expect(crops.map((c) => [c.size, c.width, c.height])).toEqual([
      [400, 400, 400],
      [800, 800, 800],
    ]);
    for (const crop of crops) {
      const meta = await sharp(crop.body).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: crop.size, height: crop.size });
      expect(meta.exif).toBeUndefined();
      expect(crop.bytes).toBe(crop.body.length);
    }
  });

  it('never enlarges: only 400 px from a square of fewer than 800 source pixels', async () => {
    const source = fixture('faces/astronaut.png'); // 512 × 512
    const plan = planLinkedInCrop(testFace({ left: 0.35, top: 0.14, width: 0.18, height: 0.2 }), { width: 512, height: 512 });
    const crops = await renderLinkedInCrops(source, plan);
    expect(crops.map((c) => c.size)).toEqual([400]);
  });

  it('cuts the planned square: the face ends up in the middle of the crop', async () => {
    // A white photo with a black 200 × 300 "face" whose centre is at (700, 450).
    const width = 1200;
    const height = 900;
    const source = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 200, height: 300, channels: 3, background: '#000000' } }, left: 600, top: 300 }])
      .png()
      .toBuffer();
    const plan = planLinkedInCrop(testFace({ left: 600 / width, top: 300 / height, width: 200 / width, height: 300 / height }), { width, height });
    const [crop] = await renderLinkedInCrops(source, plan);
    const { data, info } = await sharp(crop!.body).greyscale().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[y * info.width + x]!;
    expect(at(200, 200)).toBeLessThan(40); // the face, in the middle
    expect(at(10, 200)).toBeGreaterThan(215); // white beside it
    // The dark block is 300 of the 500-px square: 60% of its height.
    const column = Array.from({ length: 400 }, (_, y) => at(200, y) < 128).filter(Boolean).length;
    expect(column / 400).toBeCloseTo(LINKEDIN_FACE_SHARE, 1);
  });

  it('reads the square from whichever copy of the photo it is given', async () => {
    const original = fixture('faces/group-sample1.jpg');
    const copy = await sharp(original).resize(960).jpeg().toBuffer();
    const plan = planLinkedInCrop(testFace({ left: 0.4, top: 0.2, width: 0.2, height: 0.5 }), { width: 960, height: 640 }, { width: 1920, height: 1280 });
    const crops = await renderLinkedInCrops(copy, plan);
    // The plan allows 800, but the half-size copy only has 640 px in the square.
    expect(crops.map((c) => c.size)).toEqual([400]);
  });

  it('renders nothing for a too-small plan', async () => {
    expect(await renderLinkedInCrops(fixture('nofaces/coffee.png'), { status: 'too-small', message: 'No.' })).toEqual([]);
  });
});
