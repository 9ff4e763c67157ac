import { describe, expect, it } from 'vitest';
import {
  BRIGHTNESS_PASS,
  CHECK_WEIGHTS,
  FACE_CHECK_IDS,
  FACING_PASS_DEGREES,
  FACING_WARN_DEGREES,
  LEVEL_PASS_DEGREES,
  LEVEL_WARN_DEGREES,
  NO_FACE_MAX_SCORE,
  scoreProfilePhoto,
  SEVERAL_FACES_MAX_SCORE,
  SHARPNESS_PASS,
  SHARPNESS_WARN,
} from './linkedin';
import { CHECK_IDS, type CheckId, type CheckStatus, type Face, type Quality } from './schemas';

/** A good headshot: one face, 60% of a 1000-px square photo, centred, frontal, eyes open, smiling. */
const portrait: Face = {
  box: { left: 0.35, top: 0.15, width: 0.3, height: 0.6 },
  confidence: 0.99,
  pose: { yaw: 2, pitch: -3, roll: 1 },
  eyesOpen: { value: true, confidence: 0.98 },
  smile: { value: true, confidence: 0.95 },
  mouthOpen: { value: false, confidence: 0.9 },
  sunglasses: { value: false, confidence: 0.99 },
  emotion: 'happy',
};
const good: Quality = { brightness: 55, sharpness: 85 };
const square = { width: 1000, height: 1000 };

function face(changes: Partial<Face>): Face {
  return { ...portrait, ...changes };
}

function statusOf(checks: { id: CheckId; status: CheckStatus }[], id: CheckId): CheckStatus | undefined {
  return checks.find((check) => check.id === id)?.status;
}

describe('scoreProfilePhoto', () => {
  it('passes every check and scores 100 for a good headshot', () => {
    const { score, checks } = scoreProfilePhoto({ faces: [portrait], quality: good, image: square });
    expect(checks.map((c) => c.id)).toEqual(CHECK_IDS);
    expect(checks.every((c) => c.status === 'pass')).toBe(true);
    expect(score).toBe(100);
  });

  it('weights add up to 100', () => {
    expect(Object.values(CHECK_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it.each<[string, CheckId, CheckStatus, Partial<Face>]>([
    ['face at 60%', 'face-size', 'pass', {}],
    ['face at 35%', 'face-size', 'warn', { box: { left: 0.4, top: 0.2, width: 0.2, height: 0.35 } }],
    ['face at 20%', 'face-size', 'fail', { box: { left: 0.4, top: 0.2, width: 0.12, height: 0.2 } }],
    ['face at 85%', 'face-size', 'warn', { box: { left: 0.2, top: 0.05, width: 0.6, height: 0.85 } }],
    ['face at 95%', 'face-size', 'fail', { box: { left: 0.2, top: 0.02, width: 0.6, height: 0.95 } }],
    ['face 10% off centre', 'centred', 'pass', { box: { left: 0.45, top: 0.15, width: 0.3, height: 0.6 } }],
    ['face 25% off centre', 'centred', 'warn', { box: { left: 0.6, top: 0.15, width: 0.3, height: 0.6 } }],
    ['face at the edge', 'centred', 'fail', { box: { left: 0.7, top: 0.15, width: 0.3, height: 0.6 } }],
    ['face at the bottom', 'centred', 'fail', { box: { left: 0.35, top: 0.75, width: 0.2, height: 0.25 } }],
    ['yaw at the pass limit', 'facing-camera', 'pass', { pose: { yaw: FACING_PASS_DEGREES, pitch: 0, roll: 0 } }],
    ['yaw past the pass limit', 'facing-camera', 'warn', { pose: { yaw: -(FACING_PASS_DEGREES + 1), pitch: 0, roll: 0 } }],
    ['pitch past the warn limit', 'facing-camera', 'fail', { pose: { yaw: 0, pitch: FACING_WARN_DEGREES + 1, roll: 0 } }],
    ['roll at the pass limit', 'level', 'pass', { pose: { yaw: 0, pitch: 0, roll: -LEVEL_PASS_DEGREES } }],
    ['roll past the pass limit', 'level', 'warn', { pose: { yaw: 0, pitch: 0, roll: LEVEL_PASS_DEGREES + 2 } }],
    ['roll past the warn limit', 'level', 'fail', { pose: { yaw: 0, pitch: 0, roll: LEVEL_WARN_DEGREES + 1 } }],
    ['eyes closed, surely', 'eyes-open', 'fail', { eyesOpen: { value: false, confidence: 0.95 } }],
    ['eyes closed, unsure', 'eyes-open', 'warn', { eyesOpen: { value: false, confidence: 0.6 } }],
    ['not smiling', 'smile', 'warn', { smile: { value: false, confidence: 0.99 } }],
    ['sunglasses, surely', 'no-sunglasses', 'fail', { sunglasses: { value: true, confidence: 0.97 } }],
    ['sunglasses, unsure', 'no-sunglasses', 'warn', { sunglasses: { value: true, confidence: 0.62 } }],
  ])('%s: %s is %s', (_, id, expected, changes) => {
    const { checks } = scoreProfilePhoto({ faces: [face(changes)], quality: good, image: square });
    expect(statusOf(checks, id)).toBe(expected);
  });

  it.each<[string, CheckId, CheckStatus, Quality]>([
    ['dark face', 'brightness', 'warn', { brightness: BRIGHTNESS_PASS.min - 5, sharpness: 85 }],
    ['black face', 'brightness', 'fail', { brightness: 5, sharpness: 85 }],
    ['blown-out face', 'brightness', 'fail', { brightness: 97, sharpness: 85 }],
    ['sharp at the limit', 'sharpness', 'pass', { brightness: 55, sharpness: SHARPNESS_PASS }],
    ['slightly soft', 'sharpness', 'warn', { brightness: 55, sharpness: SHARPNESS_WARN }],
    ['blurry', 'sharpness', 'fail', { brightness: 55, sharpness: 12 }],
  ])('%s: %s is %s', (_, id, expected, quality) => {
    const { checks } = scoreProfilePhoto({ faces: [portrait], quality, image: square });
    expect(statusOf(checks, id)).toBe(expected);
  });

  it.each<[string, CheckStatus, { width: number; height: number }, { width: number; height: number } | undefined]>([
    ['a 1000-px photo', 'pass', square, undefined],
    ['a 300-px photo', 'fail', { width: 300, height: 300 }, undefined],
    ['a 600 × 399 photo', 'fail', { width: 600, height: 399 }, undefined],
    ['a 300-px copy of a 3000-px original', 'pass', { width: 300, height: 300 }, { width: 3000, height: 3000 }],
    ['a 1000-px copy of a 350-px original', 'fail', square, { width: 350, height: 350 }],
  ])('resolution of %s is %s', (_, expected, image, sourceSize) => {
    const { checks } = scoreProfilePhoto({ faces: [portrait], quality: good, image, sourceSize });
    expect(statusOf(checks, 'resolution')).toBe(expected);
  });

  it('says "No face found", leaves out the face checks and scores low when there is no face', () => {
    const { score, checks } = scoreProfilePhoto({ faces: [], quality: good, image: square });
    expect(checks[0]).toMatchObject({ id: 'one-face', status: 'fail', label: 'No face found' });
    for (const id of FACE_CHECK_IDS) expect(statusOf(checks, id)).toBeUndefined();
    expect(checks.map((c) => c.id)).toEqual(['one-face', 'brightness', 'sharpness', 'resolution']);
    expect(score).toBeLessThanOrEqual(NO_FACE_MAX_SCORE);
  });

  it('fails one-face as more than one person, and judges the largest face, for a group', () => {
    const beside = face({ box: { left: 0.02, top: 0.2, width: 0.25, height: 0.5 }, eyesOpen: { value: false, confidence: 0.99 } });
    const { score, checks } = scoreProfilePhoto({ faces: [beside, portrait], quality: good, image: square });
    expect(checks[0]).toMatchObject({ id: 'one-face', status: 'fail', label: expect.stringMatching(/more than one person/i) });
    expect(checks[0]!.label).toContain('2 in the picture');
    expect(statusOf(checks, 'eyes-open')).toBe('pass');
    expect(statusOf(checks, 'face-size')).toBe('pass');
    expect(score).toBe(SEVERAL_FACES_MAX_SCORE);
  });

  it('counts only the people in the picture: a small face far behind costs nothing', () => {
    const behind = face({ box: { left: 0.05, top: 0.1, width: 0.1, height: 0.15 }, eyesOpen: { value: false, confidence: 0.99 } });
    const { score, checks } = scoreProfilePhoto({ faces: [behind, portrait], quality: good, image: square });
    expect(checks[0]).toMatchObject({ id: 'one-face', status: 'pass' });
    expect(score).toBe(100);
  });

  it("leaves out checks the analyzer cannot answer, without costing points", () => {
    const local = face({ sunglasses: 'unknown', eyesOpen: 'unknown' });
    const { score, checks } = scoreProfilePhoto({ faces: [local], quality: good, image: square });
    expect(statusOf(checks, 'no-sunglasses')).toBeUndefined();
    expect(statusOf(checks, 'eyes-open')).toBeUndefined();
    expect(score).toBe(100);
  });

  it('counts a warning as half a check', () => {
    const { score, checks } = scoreProfilePhoto({ faces: [face({ pose: { yaw: 25, pitch: 0, roll: 0 } })], quality: good, image: square });
    expect(statusOf(checks, 'facing-camera')).toBe('warn');
    expect(score).toBe(100 - CHECK_WEIGHTS['facing-camera'] / 2);
  });

  it('gives every check a label and advice', () => {
    const { checks } = scoreProfilePhoto({ faces: [face({ pose: { yaw: 40, pitch: 0, roll: 20 } })], quality: { brightness: 5, sharpness: 5 }, image: { width: 200, height: 200 } });
    for (const check of checks) {
      expect(check.label.length).toBeGreaterThan(3);
      expect(check.advice.length).toBeGreaterThan(10);
    }
  });

  it('refuses input that is not an analysis', () => {
    expect(() => scoreProfilePhoto({ faces: [], quality: { brightness: 120, sharpness: 0 }, image: square })).toThrow();
  });
});
