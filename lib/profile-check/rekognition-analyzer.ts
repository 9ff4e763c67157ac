import { DetectFacesCommand, type FaceDetail, type RekognitionClient } from '@aws-sdk/client-rekognition';
import { createFacePhotoInput, type Box } from '../faces/schemas';
import type { FaceAnalyzer } from './analyzer';
import type { Emotion, Face, FaceAttribute } from './schemas';

/** Rekognition's emotion types in the shared vocabulary (see EMOTIONS); UNKNOWN stays unknown. */
const EMOTION_WORDS: Record<string, Emotion> = {
  HAPPY: 'happy',
  CALM: 'calm',
  SAD: 'sad',
  ANGRY: 'angry',
  SURPRISED: 'surprised',
  DISGUSTED: 'disgusted',
  FEAR: 'fearful',
  CONFUSED: 'confused',
};

/**
 * Amazon Rekognition's DetectFaces with every attribute. The input is read from S3 when it is stored
 * there (the normalised JPEG in the media bucket, within Rekognition's 15 MB S3 limit) and sent as
 * bytes otherwise (the command line). The client is passed in, so tests and callers choose it.
 */
export function createRekognitionAnalyzer(client: RekognitionClient): FaceAnalyzer {
  return {
    name: 'rekognition',
    async detect(input) {
      const { jpeg, location } = createFacePhotoInput.parse(input);
      const response = await client.send(
        new DetectFacesCommand({
          Attributes: ['ALL'],
          Image: location ? { S3Object: { Bucket: location.bucket, Name: location.key } } : { Bytes: jpeg },
        }),
      );
      return (response.FaceDetails ?? []).flatMap((detail) => {
        const face = toFace(detail);
        return face ? [face] : [];
      });
    },
  };
}

/** One FaceDetail in the shared shape; a detail without a box or pose (never sent with ALL) is skipped. */
function toFace(detail: FaceDetail): Face | null {
  const { BoundingBox: box, Pose: pose } = detail;
  if (!box || !pose) return null;
  return {
    box: clampBox(box.Left ?? 0, box.Top ?? 0, box.Width ?? 0, box.Height ?? 0),
    confidence: fromPercent(detail.Confidence),
    ...landmarks(detail.Landmarks),
    pose: { yaw: pose.Yaw ?? 0, pitch: pose.Pitch ?? 0, roll: pose.Roll ?? 0 },
    eyesOpen: attribute(detail.EyesOpen),
    smile: attribute(detail.Smile),
    mouthOpen: attribute(detail.MouthOpen),
    sunglasses: attribute(detail.Sunglasses),
    emotion: dominantEmotion(detail.Emotions),
  };
}

/** The five landmarks the shared shape has, when the response has all of them (with ALL it always does). */
function landmarks(all: FaceDetail['Landmarks']): Pick<Face, 'landmarks'> {
  const at = (type: string) => {
    const mark = all?.find((landmark) => landmark.Type === type);
    return mark?.X === undefined || mark.Y === undefined ? undefined : { x: mark.X, y: mark.Y };
  };
  const [eyeLeft, eyeRight, nose, mouthLeft, mouthRight] = ['eyeLeft', 'eyeRight', 'nose', 'mouthLeft', 'mouthRight'].map(at);
  if (!eyeLeft || !eyeRight || !nose || !mouthLeft || !mouthRight) return {};
  return { landmarks: { eyes: leftToRight(eyeLeft, eyeRight), nose, mouth: leftToRight(mouthLeft, mouthRight) } };
}

function leftToRight<T extends { x: number }>(a: T, b: T): [T, T] {
  return a.x <= b.x ? [a, b] : [b, a];
}

/** Rekognition's box may reach past the frame for a face cut by the edge; the shared box stays inside it. */
function clampBox(left: number, top: number, width: number, height: number): Box {
  const x0 = clamp01(left);
  const y0 = clamp01(top);
  return { left: x0, top: y0, width: clamp01(left + width) - x0, height: clamp01(top + height) - y0 };
}

function attribute(value: { Value?: boolean; Confidence?: number } | undefined): FaceAttribute {
  if (value?.Value === undefined || value.Confidence === undefined) return 'unknown';
  return { value: value.Value, confidence: fromPercent(value.Confidence) };
}

function dominantEmotion(emotions: FaceDetail['Emotions']): Emotion | 'unknown' {
  const top = [...(emotions ?? [])].sort((a, b) => (b.Confidence ?? 0) - (a.Confidence ?? 0))[0];
  return (top?.Type && EMOTION_WORDS[top.Type]) ?? 'unknown';
}

function fromPercent(value: number | undefined): number {
  return clamp01((value ?? 0) / 100);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
