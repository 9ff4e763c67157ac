import { largestFace } from '../faces/largest-face';
import type { ImageSize } from '../faces/schemas';
import { countPeople } from './count-people';
import { LINKEDIN_FACE_SHARE, LINKEDIN_MIN_SIDE, planLinkedInCrop } from './crop';
import {
  scoreProfilePhotoInput,
  type Check,
  type CheckId,
  type CheckStatus,
  type CropPlan,
  type Face,
  type FaceAttribute,
  type Quality,
  type ScoreProfilePhotoInput,
} from './schemas';

/*
 * How a profile photo is scored. Each check passes (full weight), warns (half) or fails (none); the
 * score is the share of the weights earned, 0–100. A check the analyzer cannot answer (an 'unknown'
 * attribute, such as sunglasses on the built-in model) is left out of the list and of the score, so
 * one analyzer's blind spot does not cost points. With no face, the face checks are left out (there
 * is nothing to judge) and the score is capped very low; with more than one person in the picture
 * (count-people.ts: faces in or near the crop, verified, at least half the subject's size), they
 * describe the largest face and the score is capped too: neither photo can work as a profile picture.
 * Other faces (background, outside the crop, or not confirmed) are notes, not failures.
 */

/** Points per check, out of 100. One face and its size matter most: LinkedIn's own tips lead with them. */
export const CHECK_WEIGHTS: Readonly<Record<CheckId, number>> = {
  'one-face': 20,
  'face-size': 12,
  centred: 8,
  'facing-camera': 10,
  level: 5,
  'eyes-open': 10,
  smile: 5,
  'no-sunglasses': 8,
  brightness: 8,
  sharpness: 8,
  resolution: 6,
};

/** With no face the photo cannot be a profile picture, whatever its exposure. */
export const NO_FACE_MAX_SCORE = 10;

/** A group photo fails LinkedIn's "be the only person in the picture", however good the largest face looks. */
export const SEVERAL_FACES_MAX_SCORE = 40;

/**
 * Face height over the photo's short side. LinkedIn's guidance is "about 60%" (LINKEDIN_FACE_SHARE);
 * ±15 points passes as "about", our choice. Under 30% the face is a detail of a wider shot; over 90%
 * the chin or forehead is cut off.
 */
export const FACE_SHARE_PASS = { min: 0.45, max: 0.75 } as const;
export const FACE_SHARE_WARN = { min: 0.3, max: 0.9 } as const;

/**
 * Horizontal offset of the face's centre from the photo's centre, as a fraction of the width.
 * LinkedIn shows the photo in a circle, which hides the corners: a face within 15% of the middle
 * stays well inside it, beyond 30% it nears the rim. Our choice, from the circle's geometry.
 */
export const CENTRE_OFFSET_PASS = 0.15;
export const CENTRE_OFFSET_WARN = 0.3;

/**
 * Vertical position of the face's centre, as a fraction of the height. Portraits put the eyes near
 * the upper third, so the face's centre sits between 20% and 55% from the top; our choice, after
 * the rule of thirds.
 */
export const FACE_CENTRE_Y_PASS = { min: 0.2, max: 0.55 } as const;
export const FACE_CENTRE_Y_WARN = { min: 0.1, max: 0.7 } as const;

/**
 * Largest |yaw| or |pitch| that still faces the camera. Passport rules (ISO/IEC 19794-5) allow 5°,
 * stricter than a profile photo needs; a slight three-quarter turn up to 20° is ordinary headshot
 * practice. Past 35° one eye starts to hide behind the nose. Our choice.
 */
export const FACING_PASS_DEGREES = 20;
export const FACING_WARN_DEGREES = 35;

/** Largest |roll| that reads as level: ISO/IEC 19794-5 allows 8° of head tilt in a frontal portrait; twice that is clearly tilted. */
export const LEVEL_PASS_DEGREES = 8;
export const LEVEL_WARN_DEGREES = 16;

/**
 * Mean luminance of the face, 0–100. Wide on purpose: skin reflects light very differently, so a
 * well-lit darker complexion measures far lower than a lighter one, and the band must pass both.
 * It only catches faces lost in shadow or blown out. Our choice; the fixture faces measure 28–63.
 */
export const BRIGHTNESS_PASS = { min: 25, max: 85 } as const;
export const BRIGHTNESS_WARN = { min: 15, max: 92 } as const;

/**
 * Sharpness 0–100 from measureQuality. 50 is the variance-of-Laplacian blur threshold
 * (LAPLACIAN_VARIANCE_AT_HALF_SHARPNESS); 30 is about where a σ = 1.5 px Gaussian blur puts the
 * fixture portrait's face (32), a softness that shows even at profile-photo size.
 */
export const SHARPNESS_PASS = 50;
export const SHARPNESS_WARN = 30;

/**
 * Confidence from which a "closed eyes" or "sunglasses" answer fails the check; a less certain one
 * only warns. Rekognition reports 90+ for clear faces; below 80 its answer is close to a coin toss
 * between the two. Our choice.
 */
export const ATTRIBUTE_FAIL_CONFIDENCE = 0.8;

/** The checks that depend on a face; they are absent when none was found. */
export const FACE_CHECK_IDS = ['face-size', 'centred', 'facing-camera', 'level', 'eyes-open', 'smile', 'no-sunglasses'] as const satisfies readonly CheckId[];

/**
 * Scores a photo as a LinkedIn profile picture: 0–100 and a checklist with advice. Pure: the
 * faces and quality come from an analyzer and measureQuality. `image` is the analysed copy's size,
 * `sourceSize` the original's (the resolution check must count the original's pixels).
 */
export function scoreProfilePhoto(input: ScoreProfilePhotoInput): { score: number; checks: Check[] } {
  const { faces, quality, image, sourceSize } = scoreProfilePhotoInput.parse(input);
  const source = sourceSize ?? image;
  const face = largestFace(faces);
  const people = countPeople({ faces, image, sourceSize }).counted;

  const checks: Check[] = [oneFace(people)];
  if (face) {
    const crop = planLinkedInCrop(face, image, source);
    checks.push(
      faceSize(face, source, crop),
      centred(face, crop),
      facingCamera(face),
      level(face),
      ...optional(eyesOpen(face.eyesOpen), smile(face.smile), noSunglasses(face.sunglasses)),
    );
    checks.push(brightness(quality), sharpness(quality), resolution(source, crop));
  } else {
    checks.push(brightness(quality), sharpness(quality), resolution(source, null));
  }

  const earned = checks.reduce((sum, check) => sum + CHECK_WEIGHTS[check.id] * credit(check.status), 0);
  const possible = checks.reduce((sum, check) => sum + CHECK_WEIGHTS[check.id], 0);
  let score = Math.round((100 * earned) / possible);
  if (faces.length === 0) score = Math.min(score, NO_FACE_MAX_SCORE);
  if (people > 1) score = Math.min(score, SEVERAL_FACES_MAX_SCORE);
  return { score, checks };
}

function credit(status: CheckStatus): number {
  return status === 'pass' ? 1 : status === 'warn' ? 0.5 : 0;
}

function optional(...checks: (Check | null)[]): Check[] {
  return checks.filter((check): check is Check => check !== null);
}

function within(value: number, range: { min: number; max: number }): boolean {
  return value >= range.min && value <= range.max;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function oneFace(count: number): Check {
  if (count === 1) return { id: 'one-face', status: 'pass', label: 'One face, yours', advice: 'Only you are in the picture, as LinkedIn recommends.' };
  if (count === 0) {
    return {
      id: 'one-face',
      status: 'fail',
      label: 'No face found',
      advice: 'Use a photo where your face is clearly visible: facing the camera, not too small, well lit and uncovered.',
    };
  }
  return {
    id: 'one-face',
    status: 'fail',
    label: `More than one person (${count} in the picture)`,
    advice: 'Use a photo of you alone; group photos do not work as a profile picture. The other checks describe the largest face.',
  };
}

function faceSize(face: Face, source: ImageSize, crop: CropPlan): Check {
  const share = (face.box.height * source.height) / Math.min(source.width, source.height);
  const found = `Your face fills ${percent(share)} of the frame`;
  const target = `LinkedIn suggests about ${percent(LINKEDIN_FACE_SHARE)}`;
  const status: CheckStatus = within(share, FACE_SHARE_PASS) ? 'pass' : within(share, FACE_SHARE_WARN) ? 'warn' : 'fail';
  if (status === 'pass') return { id: 'face-size', status, label: found, advice: `Good framing: ${target}.` };
  if (share > FACE_SHARE_PASS.max) {
    return { id: 'face-size', status, label: `${found}: too close`, advice: `${target}. Step back a little so your whole head and the top of your shoulders are in the frame.` };
  }
  const fix = crop.status === 'ok' ? 'The LinkedIn crop below zooms in on your face as far as the pixels allow' : 'Take a closer photo, head and shoulders';
  return { id: 'face-size', status, label: `${found}: too small`, advice: `${target}. ${fix}.` };
}

function centred(face: Face, crop: CropPlan): Check {
  const offsetX = Math.abs(face.box.left + face.box.width / 2 - 0.5);
  const centreY = face.box.top + face.box.height / 2;
  const pass = offsetX <= CENTRE_OFFSET_PASS && within(centreY, FACE_CENTRE_Y_PASS);
  const warn = offsetX <= CENTRE_OFFSET_WARN && within(centreY, FACE_CENTRE_Y_WARN);
  if (pass) return { id: 'centred', status: 'pass', label: 'Face well placed', advice: 'Your face sits in the middle, where LinkedIn’s round frame shows it best.' };
  const where = offsetX > CENTRE_OFFSET_PASS ? 'off to the side' : centreY < FACE_CENTRE_Y_PASS.min ? 'too near the top' : 'too low';
  const fix = crop.status === 'ok' ? 'The LinkedIn crop below centres it for you.' : 'Centre your face when you take the photo.';
  return { id: 'centred', status: warn ? 'warn' : 'fail', label: `Face ${where}`, advice: `LinkedIn shows profile photos in a circle that hides the corners. ${fix}` };
}

function facingCamera(face: Face): Check {
  const turn = Math.max(Math.abs(face.pose.yaw), Math.abs(face.pose.pitch));
  const degrees = `${Math.round(turn)}°`;
  if (turn <= FACING_PASS_DEGREES) return { id: 'facing-camera', status: 'pass', label: 'Facing the camera', advice: 'Looking towards the viewer makes a photo feel open and direct.' };
  const direction = Math.abs(face.pose.yaw) >= Math.abs(face.pose.pitch) ? 'turned to the side' : 'tilted up or down';
  return {
    id: 'facing-camera',
    status: turn <= FACING_WARN_DEGREES ? 'warn' : 'fail',
    label: `Head ${direction} (${degrees})`,
    advice: 'Turn your face towards the camera; a slight angle is fine, a profile view is not.',
  };
}

function level(face: Face): Check {
  const roll = Math.abs(face.pose.roll);
  if (roll <= LEVEL_PASS_DEGREES) return { id: 'level', status: 'pass', label: 'Head level', advice: 'Your head is upright.' };
  return {
    id: 'level',
    status: roll <= LEVEL_WARN_DEGREES ? 'warn' : 'fail',
    label: `Head tilted (${Math.round(roll)}°)`,
    advice: 'Keep your head upright, or straighten the photo before you crop it.',
  };
}

function eyesOpen(attribute: FaceAttribute): Check | null {
  if (attribute === 'unknown') return null;
  if (attribute.value) return { id: 'eyes-open', status: 'pass', label: 'Eyes open', advice: 'Open eyes make contact with the viewer.' };
  return {
    id: 'eyes-open',
    status: attribute.confidence >= ATTRIBUTE_FAIL_CONFIDENCE ? 'fail' : 'warn',
    label: attribute.confidence >= ATTRIBUTE_FAIL_CONFIDENCE ? 'Eyes closed' : 'Eyes may be closed',
    advice: 'Choose a shot with your eyes open, looking into the camera.',
  };
}

function smile(attribute: FaceAttribute): Check | null {
  if (attribute === 'unknown') return null;
  if (attribute.value) return { id: 'smile', status: 'pass', label: 'Smiling', advice: 'A smile makes you look approachable.' };
  // A serious expression is a choice, not a mistake: it warns, never fails.
  return { id: 'smile', status: 'warn', label: 'Not smiling', advice: 'LinkedIn suggests a smile: it makes you look approachable. A relaxed, slight smile is enough.' };
}

function noSunglasses(attribute: FaceAttribute): Check | null {
  if (attribute === 'unknown') return null;
  if (!attribute.value) return { id: 'no-sunglasses', status: 'pass', label: 'No sunglasses', advice: 'Your eyes are visible.' };
  return {
    id: 'no-sunglasses',
    status: attribute.confidence >= ATTRIBUTE_FAIL_CONFIDENCE ? 'fail' : 'warn',
    label: attribute.confidence >= ATTRIBUTE_FAIL_CONFIDENCE ? 'Wearing sunglasses' : 'Possibly wearing sunglasses',
    advice: 'Take sunglasses off: people want to see your eyes.',
  };
}

function brightness(quality: Quality): Check {
  const value = quality.brightness;
  if (within(value, BRIGHTNESS_PASS)) return { id: 'brightness', status: 'pass', label: 'Well lit', advice: 'The exposure is good.' };
  const status: CheckStatus = within(value, BRIGHTNESS_WARN) ? 'warn' : 'fail';
  if (value < BRIGHTNESS_PASS.min) {
    return { id: 'brightness', status, label: 'Too dark', advice: 'Face a window or another soft light source, or brighten the photo before uploading it.' };
  }
  return { id: 'brightness', status, label: 'Too bright', advice: 'Avoid direct sun or flash on your face; soft, even light keeps detail in the skin.' };
}

function sharpness(quality: Quality): Check {
  const value = quality.sharpness;
  if (value >= SHARPNESS_PASS) return { id: 'sharpness', status: 'pass', label: 'Sharp', advice: 'The photo is in focus.' };
  return {
    id: 'sharpness',
    status: value >= SHARPNESS_WARN ? 'warn' : 'fail',
    label: value >= SHARPNESS_WARN ? 'Slightly soft' : 'Blurry',
    advice: 'Hold the camera steady (or use a timer), focus on your eyes, and use good light so the shutter can be fast.',
  };
}

function resolution(source: ImageSize, crop: CropPlan | null): Check {
  const ok = crop ? crop.status === 'ok' : Math.min(source.width, source.height) >= LINKEDIN_MIN_SIDE;
  const size = `${source.width} × ${source.height} px`;
  if (ok) return { id: 'resolution', status: 'pass', label: `Enough pixels (${size})`, advice: `At least ${LINKEDIN_MIN_SIDE} × ${LINKEDIN_MIN_SIDE} px are available for LinkedIn.` };
  return {
    id: 'resolution',
    status: 'fail',
    label: `Too few pixels (${size})`,
    advice: `LinkedIn needs at least ${LINKEDIN_MIN_SIDE} × ${LINKEDIN_MIN_SIDE} px. Upload the original photo rather than a screenshot or a copy from a chat app.`,
  };
}
