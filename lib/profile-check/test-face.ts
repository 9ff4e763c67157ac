import type { Face } from './schemas';

/** A face for tests: the given box, facing the camera, every attribute unknown, unless `changes` says otherwise. */
export function testFace(box: Face['box'], changes: Partial<Face> = {}): Face {
  return {
    box,
    confidence: 0.99,
    pose: { yaw: 0, pitch: 0, roll: 0 },
    eyesOpen: 'unknown',
    smile: 'unknown',
    mouthOpen: 'unknown',
    sunglasses: 'unknown',
    emotion: 'unknown',
    ...changes,
  };
}
