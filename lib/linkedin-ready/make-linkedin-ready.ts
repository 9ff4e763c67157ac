import type { FaceModelPaths } from '../faces/load-face-model';
import { prepareFacePhoto } from '../faces/prepare-face-photo';
import { bufferInput } from '../images/transform';
import { compareFaceReadings } from './compare-face-readings';
import { correctLight } from './correct-light';
import { cutFrame } from './cut-frame';
import { encodeReadyJpeg } from './encode-ready-jpeg';
import { findFaceLandmarks } from './find-face-landmarks';
import { makeMatte } from './make-matte';
import { planFrame } from './plan-frame';
import { replaceBackground } from './replace-background';
import { ReadyOptionsSchema, ReadyPhotoSchema, type ReadyOptions, type ReadyPhoto } from './schemas';

/**
 * The best honest LinkedIn profile picture from a person's own photo: reframed on the face (about
 * 60% of the square, eyes on the upper third, head levelled up to 10°), light corrected from the
 * face, the background kept, blurred or replaced, as a square sRGB JPEG without metadata. What could
 * not be done as LinkedIn suggests is said in `notes`. Throws a UserError, with what to do, when the
 * photo cannot be read, has no face, or is under 400 px around the face.
 */
export async function makeLinkedInReady(source: Buffer, options: ReadyOptions, paths?: FaceModelPaths): Promise<ReadyPhoto> {
  const bytes = bufferInput.parse(source);
  const { background } = ReadyOptionsSchema.parse(options);

  const photo = await prepareFacePhoto(bytes);
  const { landmarks, reading } = await findFaceLandmarks(photo, paths);
  const frame = planFrame(landmarks, photo.sourceSize);
  const square = await cutFrame(bytes, frame);
  const { image: lit } = await correctLight(square, frame.face);
  const composed = background.kind === 'keep' ? lit : await replaceBackground(lit, await makeMatte(lit, undefined, paths), background);
  const { jpeg } = await encodeReadyJpeg(composed);
  const notes = [...frame.notes, ...(await compareFaceReadings(jpeg, reading, paths))];

  return ReadyPhotoSchema.parse({
    jpeg,
    width: composed.width,
    height: composed.height,
    bytes: jpeg.length,
    faceShare: round3(frame.faceShare),
    rollCorrectedDegrees: Math.round(-frame.rotation * 10) / 10 || 0,
    notes,
  });
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
