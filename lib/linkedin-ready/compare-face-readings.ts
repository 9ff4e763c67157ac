import type { FaceResult } from '@vladmandic/human';
import { findFaces } from '../faces/find-faces';
import type { FaceModelPaths } from '../faces/load-face-model';
import { prepareFacePhoto } from '../faces/prepare-face-photo';
import { LEVEL_PASS_DEGREES } from '../profile-check/linkedin';
import { SMILE_MIN_HAPPY_SCORE } from '../profile-check/local-analyzer';

/**
 * Long side of the copy the face is looked for again in. A result of 640 px or less (most: phone
 * photos of a face give 400–640 px) is read exactly as the check reads it, from the JPEG; a larger
 * one is read smaller, where a face filling half of it is still 200 px and more. 0.2 s on one core.
 */
const CONFIRM_SIDE = 640;

/** What the built-in check reads from a face that reframing can change without the face changing. */
export interface FaceReading {
  /** Faces in the photo, the subject included. */
  faces: number;
  smiling: boolean;
  /** Head roll in degrees, as the model's head pose gives it (the check's "level"). */
  roll: number;
}

/** The reading of the subject's face result among `faces`, by the check's own thresholds. */
export function readFace(result: FaceResult, faces: number): FaceReading {
  const happy = result.emotion?.find((emotion) => emotion.emotion === 'happy')?.score ?? 0;
  return { faces, smiling: happy >= SMILE_MIN_HAPPY_SCORE, roll: ((result.rotation?.angle.roll ?? 0) * 180) / Math.PI };
}

/**
 * Reads the finished JPEG again with the face model and says, in notes, where the check will read it
 * worse than the original, though nothing about the face was changed. The models are sensitive to
 * framing: a face it was unsure of (a yawn with the head back, portraits/yawn-glasses.jpg) can be lost
 * once reframed, and the expression model read the same smile (portraits/qt-logo-text.jpg, the crop
 * alone, no light change) as 0.92 happy before and 0.04 after. The person should hear it from us first.
 */
export async function compareFaceReadings(jpeg: Buffer, before: FaceReading, paths?: FaceModelPaths): Promise<string[]> {
  const copy = await prepareFacePhoto(jpeg, { maxSide: CONFIRM_SIDE });
  const { faces } = await findFaces(copy.jpeg, 'analysis', paths);
  const subject = [...faces].sort((a, b) => b.rect.width * b.rect.height - a.rect.width * a.rect.height)[0];
  if (!subject) {
    return [
      'The face model no longer finds your face once the photo is reframed (it was unsure of it in the original too), so LinkedIn’s check will score this version lower. A photo facing the camera with your eyes open will work better.',
    ];
  }
  const after = readFace(subject.result, faces.length);
  const notes: string[] = [];
  if (before.faces === 1 && after.faces > 1) {
    notes.push(
      `The face model finds ${after.faces} faces in the reframed photo (a face in a poster or picture, or a person behind you, is larger once the square closes in), so LinkedIn’s check will count more than one person. A photo with a plain background, or the blurred or plain-colour background, avoids it.`,
    );
  }
  if (before.smiling && !after.smiling) {
    notes.push('The expression model reads your smile less surely in the reframed photo, though your face was not changed, so the check may call it “Not smiling”.');
  }
  if (Math.abs(before.roll) <= LEVEL_PASS_DEGREES && Math.abs(after.roll) > LEVEL_PASS_DEGREES) {
    notes.push(`The check measures your head as tilted by ${Math.round(Math.abs(after.roll))}° in the reframed photo, just past what it calls level; the photo could not be straightened further.`);
  }
  return notes;
}
