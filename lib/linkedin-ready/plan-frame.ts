import { z } from 'zod';
import { ImageSizeSchema, type ImageSize } from '../faces/schemas';
import { LINKEDIN_FACE_SHARE, LINKEDIN_MIN_SIDE } from '../profile-check/crop';
import { LEVEL_PASS_DEGREES } from '../profile-check/linkedin';
import { UserError } from '../user-error';

/** Largest head tilt that is straightened. Past it, turning the photo would change its look (and cut deep into it); the tilt is left and said. */
export const MAX_ROLL_CORRECTION_DEGREES = 10;

/**
 * Smallest tilt that is straightened. Turning resamples every pixel: a 0.9° turn took the check's
 * sharpness of portraits/new-wave-posters.jpg from 52.5 to 47.5, across its pass mark, for a tilt no
 * one sees at profile-photo size.
 */
export const MIN_ROLL_CORRECTION_DEGREES = 2;

/**
 * Longest side made. LinkedIn shows a profile photo at 400 px, 800 on high-density screens, and
 * recompresses whatever it is given; 1600 px keeps twice the largest it shows, for zooming, while a
 * 12-MP photo still renders within the time goal (bench/linkedin-ready.bench.ts: at 2048 px the
 * steps after the face analysis took half as long again). It is far inside LinkedIn's 7680-px limit.
 */
export const READY_MAX_SIDE = 1600;

/** Where the eyes go: on the upper third of the square, the portrait rule LinkedIn's own tips follow. */
export const EYE_LINE = 1 / 3;

/** A share or a position this far from the plan is worth telling (a few points are invisible at profile-photo size). */
const NOTEWORTHY = 0.05;

const point = z.tuple([z.number(), z.number()]);
const planInput = z.object({
  landmarks: z.object({ mesh: z.array(point).min(3), rightEye: point, leftEye: point }),
  image: ImageSizeSchema,
});

/** The subject's face in the photo's pixels (upright, after EXIF orientation): its mesh and the centre of each eye (the subject's right eye is on the image's left). */
export interface FaceLandmarks {
  mesh: [number, number][];
  rightEye: [number, number];
  leftEye: [number, number];
}

/** A square to cut, turned to level the eyes; everything in the photo's pixels unless said. */
export interface Frame {
  /** Degrees the photo is turned (clockwise positive, as sharp's rotate) before the square is cut; 0 when the tilt is left. */
  rotation: number;
  centre: { x: number; y: number };
  /** The square's side in the photo's pixels. */
  side: number;
  /** The side of the picture made from it: the square's own pixels, or READY_MAX_SIDE when it has more. */
  outputSide: number;
  /** Face height over the side. */
  faceShare: number;
  /** The face's extent in the levelled square, as fractions of its side. */
  face: { left: number; top: number; width: number; height: number };
  notes: string[];
}

/**
 * Plans the LinkedIn square: levelled on the eye line (up to MAX_ROLL_CORRECTION_DEGREES), sized so
 * the face is LINKEDIN_FACE_SHARE of it, eyes on the upper third, face centred across, and kept whole
 * inside the photo, turned or not. It is never smaller than LINKEDIN_MIN_SIDE photo pixels, so the
 * picture is never enlarged: a small face fills less of it. Throws a UserError when the photo cannot
 * hold even that square.
 */
export function planFrame(landmarks: FaceLandmarks, image: ImageSize): Frame {
  const parsed = planInput.parse({ landmarks, image });
  const { width, height } = parsed.image;
  const { rightEye, leftEye, mesh } = parsed.landmarks;
  const notes: string[] = [];

  const available = Math.min(width, height);
  if (available < LINKEDIN_MIN_SIDE) {
    throw new UserError(
      `The photo is ${width} × ${height} px, so the largest square around your face is ${available} px; LinkedIn needs at least ${LINKEDIN_MIN_SIDE} × ${LINKEDIN_MIN_SIDE} px. Upload the original photo rather than a screenshot or a copy saved from a chat app.`,
    );
  }
  const tilt = Math.atan2(leftEye[1] - rightEye[1], leftEye[0] - rightEye[0]);
  const tiltDegrees = toDegrees(tilt);
  const tilted = `Your head is tilted by ${Math.round(Math.abs(tiltDegrees))}°`;
  const tooTilted = Math.abs(tiltDegrees) > MAX_ROLL_CORRECTION_DEGREES;
  const levelEnough = Math.abs(tiltDegrees) < MIN_ROLL_CORRECTION_DEGREES;
  const roomToTurn = fitting(width, height, tilt) >= LINKEDIN_MIN_SIDE;
  if (tooTilted) {
    notes.push(
      `${tilted}, more than the ${MAX_ROLL_CORRECTION_DEGREES}° that can be straightened without the photo looking turned, so it was left as it is. A photo with your head upright would suit LinkedIn better.`,
    );
  } else if (!levelEnough && !roomToTurn && Math.abs(tiltDegrees) > LEVEL_PASS_DEGREES) {
    // A tilt the check already calls level is not worth a sentence.
    notes.push(`${tilted}; straightening it would leave less than ${LINKEDIN_MIN_SIDE} × ${LINKEDIN_MIN_SIDE} px of the photo, so it was left. A larger photo could be straightened.`);
  }
  const angle = tooTilted || levelEnough || !roomToTurn ? 0 : tilt;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const eyes: [number, number] = [(rightEye[0] + leftEye[0]) / 2, (rightEye[1] + leftEye[1]) / 2];
  // Levelled coordinates: the eyes' midpoint at the origin, the eye line horizontal.
  const level = ([x, y]: [number, number]): [number, number] => [(x - eyes[0]) * cos + (y - eyes[1]) * sin, -(x - eyes[0]) * sin + (y - eyes[1]) * cos];
  const unlevel = ([x, y]: [number, number]): [number, number] => [eyes[0] + x * cos - y * sin, eyes[1] + x * sin + y * cos];

  const levelled = mesh.map(level);
  const xs = levelled.map(([x]) => x);
  const ys = levelled.map(([, y]) => y);
  const faceLeft = Math.min(...xs);
  const faceTop = Math.min(...ys);
  const faceWidth = Math.max(...xs) - faceLeft;
  const faceHeight = Math.max(...ys) - faceTop;

  const reach = Math.abs(cos) + Math.abs(sin);
  const fits = fitting(width, height, angle);
  const ideal = faceHeight / LINKEDIN_FACE_SHARE;
  const side = Math.min(fits, Math.max(LINKEDIN_MIN_SIDE, Math.round(ideal)));
  const faceShare = faceHeight / side;
  if (ideal < side) {
    notes.push(
      `Your face is ${Math.round(faceHeight)} px tall in the photo: too few pixels to fill ${percent(LINKEDIN_FACE_SHARE)} of a ${LINKEDIN_MIN_SIDE} × ${LINKEDIN_MIN_SIDE} px picture without enlarging it, so it fills ${percent(faceShare)}. A closer or higher-resolution photo would let it fill more.`,
    );
  } else if (ideal > side && faceShare - LINKEDIN_FACE_SHARE > NOTEWORTHY) {
    notes.push(
      `The photo is framed so closely that your face fills ${percent(faceShare)} of the square, more than the ${percent(LINKEDIN_FACE_SHARE)} LinkedIn suggests. A photo with more room around your head and shoulders would fit better.`,
    );
  }

  // Wanted: face centred across, eye line on the upper third; then moved as little as needed to stay in the photo.
  const wanted = unlevel([faceLeft + faceWidth / 2, side * (0.5 - EYE_LINE)]);
  const half = (side * reach) / 2;
  const centre = { x: clamp(wanted[0], half, width - half), y: clamp(wanted[1], half, height - half) };
  const [centreX, centreY] = level([centre.x, centre.y]);
  const squareLeft = centreX - side / 2;
  const squareTop = centreY - side / 2;
  const eyeLine = -squareTop / side;
  const across = (faceLeft + faceWidth / 2 - squareLeft) / side;
  if (Math.abs(eyeLine - EYE_LINE) > NOTEWORTHY || Math.abs(across - 0.5) > NOTEWORTHY) {
    const where = [
      eyeLine < EYE_LINE - NOTEWORTHY ? 'higher' : eyeLine > EYE_LINE + NOTEWORTHY ? 'lower' : '',
      across < 0.5 - NOTEWORTHY ? 'further left' : across > 0.5 + NOTEWORTHY ? 'further right' : '',
    ].filter(Boolean);
    notes.push(
      `Your face is close to the edge of the photo, so it sits ${where.join(' and ')} in the square than LinkedIn's framing (eyes on the upper third, face in the middle). A photo with more room around you would let it be placed exactly.`,
    );
  }

  return {
    rotation: angle === 0 ? 0 : -toDegrees(angle),
    centre,
    side,
    outputSide: Math.min(side, READY_MAX_SIDE),
    faceShare,
    face: { left: (faceLeft - squareLeft) / side, top: (faceTop - squareTop) / side, width: faceWidth / side, height: faceHeight / side },
    notes,
  };
}

/** The largest square that, turned by `angle`, stays whole inside the photo: its corners reach out by |cos| + |sin| of its side. */
function fitting(width: number, height: number, angle: number): number {
  return Math.floor(Math.min(width, height) / (Math.abs(Math.cos(angle)) + Math.abs(Math.sin(angle))));
}

function toDegrees(radians: number): number {
  return (radians * 180) / Math.PI;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
