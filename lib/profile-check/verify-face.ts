import { liesOnHead } from '../faces/lies-on-head';
import { MIN_FACE_CONFIDENCE } from '../faces/load-face-model';
import type { ImageSize } from '../faces/schemas';
import type { Face } from './schemas';

/*
 * Whether a face an analyzer reported holds up as a face, from what every analyzer gives (the
 * detector's confidence, the box, and the landmarks where there are some) plus what only the
 * built-in model gives: the face mesh's confidence, and its second look at faces found by looking
 * closer. For the mesh, the landmark test always holds (the landmarks are the mesh's own points);
 * it is there for Rekognition's. The size and place that make a face count as a second person are
 * count-people.ts's.
 */

/**
 * How far below the eye line the mouth is, in eye distances, at least (measured across the eye line,
 * so a tilted head is judged in its own frame). Over the fixtures' faces: 0.83–2.32 with the built-in
 * model (0.83 a woman looking down, over 2 two heads turned 37–42°, whose eyes close up), 1.39–2.01
 * in the Rekognition responses of __fixtures__. Below 0.4 the "mouth" is level with the eyes, or above
 * them. No eye-distance floor is set: a profile's eyes are close together (0.22 of the box's width
 * at 42°, against 0.31–0.49 facing the camera) and it is still a face.
 */
export const MIN_MOUTH_DROP = 0.4;

/** How far past its box a landmark may lie, as a share of the box's size: Rekognition's box and its landmarks are separate estimates. */
const LANDMARK_SLACK = 0.25;

/**
 * True when `face` passes: the detector was sure enough (MIN_FACE_CONFIDENCE, as in the built-in
 * model's own looks), the mesh agrees when there is one (and again at a second look, when there was
 * one), its landmarks are placed like a face's in its box, and it does not lie on a larger face's
 * head (lib/faces/lies-on-head.ts).
 */
export function verifyFace(face: Face, faces: Face[], image: ImageSize): boolean {
  if (face.confidence < MIN_FACE_CONFIDENCE) return false;
  if (face.meshConfidence !== undefined && face.meshConfidence <= MIN_FACE_CONFIDENCE) return false;
  if (face.confirmed === false) return false;
  if (face.landmarks && !landmarksFit(face, image)) return false;
  return !faces.some((other) => other !== face && liesOnHead(face.box, other.box));
}

/** Every landmark in (or near) the box, and the mouth below the eyes; in pixels, since the drop compares horizontal and vertical lengths. */
function landmarksFit({ box, landmarks }: Face, { width, height }: ImageSize): boolean {
  if (!landmarks) return true;
  const px = ({ x, y }: { x: number; y: number }) => ({ x: x * width, y: y * height });
  const [eyeA, eyeB] = landmarks.eyes.map(px) as [{ x: number; y: number }, { x: number; y: number }];
  const points = [eyeA, eyeB, px(landmarks.nose), ...landmarks.mouth.map(px)];
  const [left, top, boxWidth, boxHeight] = [box.left * width, box.top * height, box.width * width, box.height * height];
  const slackX = LANDMARK_SLACK * boxWidth;
  const slackY = LANDMARK_SLACK * boxHeight;
  const inBox = points.every(({ x, y }) => x >= left - slackX && x <= left + boxWidth + slackX && y >= top - slackY && y <= top + boxHeight + slackY);

  const [mouthA, mouthB] = landmarks.mouth.map(px) as [{ x: number; y: number }, { x: number; y: number }];
  return inBox && mouthDrop(eyeA, eyeB, { x: (mouthA.x + mouthB.x) / 2, y: (mouthA.y + mouthB.y) / 2 }) >= MIN_MOUTH_DROP;
}

/** The mouth's distance from the eye line, towards the bottom of the image, in eye distances. */
export function mouthDrop(eyeA: { x: number; y: number }, eyeB: { x: number; y: number }, mouth: { x: number; y: number }): number {
  const dx = eyeB.x - eyeA.x;
  const dy = eyeB.y - eyeA.y;
  const span = Math.hypot(dx, dy);
  if (span === 0) return 0;
  // The eye line's normal on the image's downward side: (−dy, dx) when the eyes run left to right.
  const sign = dx >= 0 ? 1 : -1;
  return (sign * (-dy * (mouth.x - eyeA.x) + dx * (mouth.y - eyeA.y))) / (span * span);
}
