import type { FaceResult, Point } from '@vladmandic/human';
import { SECOND_LOOK_MIN_CONFIDENCE } from '../faces/confirm-face';
import { boxOf, clamp01, findFaces, type CloserLook, type FoundFace, type PixelPoint, type PixelRect } from '../faces/find-faces';
import type { FaceModelPaths } from '../faces/load-face-model';
import { createFacePhotoInput, type ImageSize } from '../faces/schemas';
import type { FaceAnalyzer } from './analyzer';
import { MIN_RELATIVE_HEIGHT, nearCropArea } from './count-people';
import type { Emotion, Face, FaceAttribute } from './schemas';

/**
 * Eye aspect ratio (eyelid gap over eye width, averaged over both eyes) below which the eyes count
 * as closed. 0.2 is the threshold of the landmark blink detector this measure comes from
 * (Soukupová & Čech, "Real-Time Eye Blink Detection using Facial Landmarks", 2016). On the face
 * mesh, open eyes in the fixture photos measure 0.26–0.39; eyes cast down to near-closed, 0.15.
 */
export const EYES_OPEN_MIN_ASPECT_RATIO = 0.2;

/**
 * Inner-lip gap over inner mouth width above which the mouth counts as open. Lips together measure
 * 0.09 (faces/group-sample1.jpg, the woman on the left); a smile showing teeth 0.20
 * (faces/astronaut.png) and a laugh 0.39 (group, right). 0.15 lies between; our calibration.
 */
export const MOUTH_OPEN_MIN_ASPECT_RATIO = 0.15;

/** The emotion model's "happy" score at which the face counts as smiling: the point where happy is more likely than not. */
export const SMILE_MIN_HAPPY_SCORE = 0.5;

// Face-mesh landmark indices (MediaPipe's 468-point canonical face mesh).
const RIGHT_EYE = { corners: [33, 133], upper: [160, 158], lower: [144, 153] } as const;
const LEFT_EYE = { corners: [362, 263], upper: [385, 387], lower: [380, 373] } as const;
const INNER_LIPS = { top: 13, bottom: 14, left: 78, right: 308 } as const;

/** Human's emotion labels in the shared vocabulary (see EMOTIONS). */
const EMOTION_WORDS: Record<string, Emotion> = {
  happy: 'happy',
  neutral: 'calm',
  sad: 'sad',
  angry: 'angry',
  surprise: 'surprised',
  disgust: 'disgusted',
  fear: 'fearful',
};

/**
 * The built-in analyzer: @vladmandic/human (BlazeFace, face mesh with iris, emotion) on the tfjs
 * wasm backend, models read from disk (lib/faces/find-faces.ts). It looks at the whole photo, and
 * closer around the largest face, where another person would share the profile picture; faces too
 * small to matter there are not looked for. The model loads once per process, on first use.
 */
export function createLocalAnalyzer(paths: FaceModelPaths = {}): FaceAnalyzer {
  return {
    name: 'local',
    async detect(input) {
      const parsed = createFacePhotoInput.parse(input);
      const { faces, width, height } = await findFaces(parsed.jpeg, 'analysis', paths, { closerLook });
      return faces.map((face) => toFace(face, width, height));
    },
  };
}

/**
 * Around the crop square planned on the largest face, as count-people.ts counts people, and from
 * half its height. Only the analysed copy is known here: its square is never smaller than the one
 * planned on the original (LinkedIn's 400-px minimum is in the original's pixels, of which there are
 * as many or more), so the area looked at holds the one that is counted.
 */
function closerLook(largest: PixelRect, photo: ImageSize): CloserLook {
  const area = nearCropArea({ box: boxOf(largest, photo.width, photo.height) }, photo);
  return {
    area: { x: area.left * photo.width, y: area.top * photo.height, width: area.width * photo.width, height: area.height * photo.height },
    minFaceHeight: MIN_RELATIVE_HEIGHT * largest.height,
  };
}

/** One face in the shared shape; its mesh is in the coordinates of the pass that found it, its rect and landmarks in the photo's. */
function toFace({ result: face, rect, landmarks, secondLook }: FoundFace, width: number, height: number): Face {
  const meshConfidence = clamp01(face.faceScore);
  const angle = face.rotation?.angle;
  if (!angle) throw new Error('A face without head rotation cannot be described.');
  const point = ([x, y]: PixelPoint) => ({ x: x / width, y: y / height });
  return {
    box: boxOf(rect, width, height),
    confidence: clamp01(face.boxScore),
    landmarks: { eyes: [point(landmarks.eyes[0]), point(landmarks.eyes[1])], nose: point(landmarks.nose), mouth: [point(landmarks.mouth[0]), point(landmarks.mouth[1])] },
    meshConfidence,
    ...(secondLook === undefined ? {} : { confirmed: secondLook >= SECOND_LOOK_MIN_CONFIDENCE }),
    pose: { yaw: toDegrees(angle.yaw), pitch: toDegrees(angle.pitch), roll: toDegrees(angle.roll) },
    // The eye and mouth answers are geometry on the mesh, so they are as reliable as the mesh.
    eyesOpen: atLeast(eyeAspectRatio(face.mesh), EYES_OPEN_MIN_ASPECT_RATIO, meshConfidence),
    mouthOpen: atLeast(mouthAspectRatio(face.mesh), MOUTH_OPEN_MIN_ASPECT_RATIO, meshConfidence),
    smile: smile(face.emotion),
    // None of the models looks at eyewear; an iris found behind dark lenses proves nothing either way.
    sunglasses: 'unknown',
    emotion: dominantEmotion(face.emotion),
  };
}

/** Mean of both eyes' (|upper₁ − lower₁| + |upper₂ − lower₂|) / (2 · |corner − corner|). */
function eyeAspectRatio(mesh: Point[]): number {
  const eye = ({ corners, upper, lower }: typeof RIGHT_EYE | typeof LEFT_EYE) =>
    (distance(mesh[upper[0]], mesh[lower[0]]) + distance(mesh[upper[1]], mesh[lower[1]])) / (2 * distance(mesh[corners[0]], mesh[corners[1]]));
  return (eye(RIGHT_EYE) + eye(LEFT_EYE)) / 2;
}

/** Inner-lip gap over inner mouth width. */
function mouthAspectRatio(mesh: Point[]): number {
  return distance(mesh[INNER_LIPS.top], mesh[INNER_LIPS.bottom]) / distance(mesh[INNER_LIPS.left], mesh[INNER_LIPS.right]);
}

function atLeast(ratio: number, threshold: number, confidence: number): FaceAttribute {
  return Number.isFinite(ratio) ? { value: ratio >= threshold, confidence } : 'unknown';
}

function smile(emotions: FaceResult['emotion']): FaceAttribute {
  if (!emotions || emotions.length === 0) return 'unknown';
  const happy = emotions.find((e) => e.emotion === 'happy')?.score ?? 0;
  const value = happy >= SMILE_MIN_HAPPY_SCORE;
  return { value, confidence: clamp01(value ? happy : 1 - happy) };
}

function dominantEmotion(emotions: FaceResult['emotion']): Emotion | 'unknown' {
  const top = [...(emotions ?? [])].sort((a, b) => b.score - a.score)[0];
  return (top && EMOTION_WORDS[top.emotion]) ?? 'unknown';
}

function distance(a: Point | undefined, b: Point | undefined): number {
  if (!a || !b) return Number.NaN;
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
}

function toDegrees(radians: number): number {
  return Math.round(((radians * 180) / Math.PI) * 10) / 10;
}
