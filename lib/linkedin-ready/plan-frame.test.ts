import { describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { EYE_LINE, planFrame, READY_MAX_SIDE, type FaceLandmarks } from './plan-frame';

/**
 * A face drawn as a box and two eyes: `height` px from forehead to chin, its eyes 40% of the way
 * down, centred on (x, y) and tilted by `tilt` degrees (clockwise on screen, as a head leaning to its
 * left shoulder appears).
 */
function face({ x, y, height, tilt = 0 }: { x: number; y: number; height: number; tilt?: number }): FaceLandmarks {
  const angle = (tilt * Math.PI) / 180;
  const place = (dx: number, dy: number): [number, number] => [x + dx * Math.cos(angle) - dy * Math.sin(angle), y + dx * Math.sin(angle) + dy * Math.cos(angle)];
  const half = height * 0.4;
  const top = -0.4 * height;
  const mesh = [place(-half, top), place(half, top), place(-half, top + height), place(half, top + height), place(0, top), place(0, top + height)];
  return { mesh, rightEye: place(-height * 0.2, 0), leftEye: place(height * 0.2, 0) };
}

describe('planFrame', () => {
  it('sizes the square so the face is 60% of it, eyes on the upper third, face centred across', () => {
    const frame = planFrame(face({ x: 1500, y: 1200, height: 600 }), { width: 3000, height: 4000 });
    expect(frame.side).toBe(1000);
    expect(frame.outputSide).toBe(1000);
    expect(frame.faceShare).toBeCloseTo(0.6, 3);
    expect(frame.rotation).toBe(0);
    // The eyes at 1200 px are a third of the way down the square; the face is in the middle across.
    expect(frame.centre.y - frame.side / 2).toBeCloseTo(1200 - EYE_LINE * 1000, 0);
    expect(frame.centre.x).toBeCloseTo(1500, 0);
    expect(frame.face.left + frame.face.width / 2).toBeCloseTo(0.5, 3);
    expect(frame.notes).toEqual([]);
  });

  it('never makes more than READY_MAX_SIDE, by shrinking, not by cutting tighter', () => {
    const frame = planFrame(face({ x: 2000, y: 1800, height: 1800 }), { width: 4000, height: 6000 });
    expect(frame.side).toBe(3000);
    expect(frame.outputSide).toBe(READY_MAX_SIDE);
    expect(frame.faceShare).toBeCloseTo(0.6, 3);
  });

  it('levels a tilted head from its eye line, and keeps the turned square inside the photo', () => {
    const frame = planFrame(face({ x: 1000, y: 900, height: 600, tilt: 7 }), { width: 2000, height: 2500 });
    expect(frame.rotation).toBeCloseTo(-7, 1);
    expect(frame.faceShare).toBeCloseTo(0.6, 2);
    const reach = (frame.side * (Math.cos((7 * Math.PI) / 180) + Math.sin((7 * Math.PI) / 180))) / 2;
    expect(frame.centre.x - reach).toBeGreaterThanOrEqual(0);
    expect(frame.centre.y - reach).toBeGreaterThanOrEqual(0);
  });

  it('leaves a tilt over 10° and says so', () => {
    const frame = planFrame(face({ x: 1000, y: 900, height: 600, tilt: 14 }), { width: 2000, height: 2500 });
    expect(frame.rotation).toBe(0);
    expect(frame.notes.join(' ')).toMatch(/tilted by 14°.*left as it is/);
  });

  it('leaves a tilt under 2° unturned: resampling would only soften the photo', () => {
    expect(planFrame(face({ x: 1000, y: 900, height: 600, tilt: 1.5 }), { width: 2000, height: 2500 }).rotation).toBe(0);
  });

  it('lets a small face fill less rather than enlarge it, and says so', () => {
    const frame = planFrame(face({ x: 300, y: 250, height: 120 }), { width: 600, height: 800 });
    expect(frame.side).toBe(400);
    expect(frame.outputSide).toBe(400);
    expect(frame.faceShare).toBeCloseTo(0.3, 3);
    expect(frame.notes.join(' ')).toMatch(/too few pixels to fill 60% of a 400 × 400 px picture without enlarging it, so it fills 30%/);
  });

  it('moves the square to stay inside the photo when the face is near an edge, and says where the face ends up', () => {
    const frame = planFrame(face({ x: 150, y: 120, height: 300 }), { width: 1200, height: 1200 });
    expect(frame.centre.x - frame.side / 2).toBeCloseTo(0, 5);
    expect(frame.centre.y - frame.side / 2).toBeCloseTo(0, 5);
    expect(frame.notes.join(' ')).toMatch(/close to the edge.*further left/);
  });

  it('refuses a photo under 400 px with a sentence a person can act on', () => {
    const plan = () => planFrame(face({ x: 100, y: 100, height: 100 }), { width: 202, height: 263 });
    expect(plan).toThrow(UserError);
    expect(plan).toThrow(/202 × 263 px.*at least 400 × 400 px.*Upload the original photo/);
  });
});
