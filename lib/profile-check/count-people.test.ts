import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DetectFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { countPeople, MIN_RELATIVE_HEIGHT, NEAR_CROP_MARGIN } from './count-people';
import { createRekognitionAnalyzer } from './rekognition-analyzer';
import { ProfileReportSchema, type Face } from './schemas';
import { testFace } from './test-face';
import { verifyFace } from './verify-face';

/*
 * The rule that decides who is a second person, on faces of known shape: a 1000 × 1000 photo whose
 * subject's face is 20% of its height, so the crop square (the face at 60% of it) is 333 px, then
 * 400 px, LinkedIn's minimum, centred on the face: x 300–700, y 200–600.
 */

const image = { width: 1000, height: 1000 };

/** A face with landmarks where a face has them, and a sure mesh. */
function face(box: Face['box'], changes: Partial<Face> = {}): Face {
  const at = (x: number, y: number) => ({ x: box.left + x * box.width, y: box.top + y * box.height });
  return testFace(box, { landmarks: { eyes: [at(0.3, 0.4), at(0.7, 0.4)], nose: at(0.5, 0.6), mouth: [at(0.35, 0.8), at(0.65, 0.8)] }, meshConfidence: 1, ...changes });
}

const subject = face({ left: 0.43, top: 0.3, width: 0.14, height: 0.2 });
const roles = (faces: Face[]) => countPeople({ faces, image }).faces.map((f) => f.role);

describe('countPeople', () => {
  it('counts a verified face of similar size inside the crop square', () => {
    const beside = face({ left: 0.32, top: 0.32, width: 0.1, height: 0.18 });
    const counted = countPeople({ faces: [beside, subject], image });
    expect(counted.faces.map((f) => f.role)).toEqual(['in-picture', 'subject']);
    expect(counted.counted).toBe(2);
    expect(counted.notes).toEqual([]);
  });

  it(`counts a neighbour centred up to ${NEAR_CROP_MARGIN} subject face heights outside the square, not beyond`, () => {
    // A 3000 × 1000 photo: the subject's face is 200 px tall, its 400-px square spans x 170–570.
    const wide = { width: 3000, height: 1000 };
    const left = face({ left: 0.1, top: 0.3, width: 140 / 3000, height: 0.2 });
    const centredAt = (x: number) => face({ left: (x - 50) / 3000, top: 0.3, width: 100 / 3000, height: 0.2 });
    const edge = 570 + 200 * NEAR_CROP_MARGIN;
    expect(countPeople({ faces: [left, centredAt(edge - 20)], image: wide }).faces.map((f) => f.role)).toEqual(['subject', 'in-picture']);
    const far = countPeople({ faces: [left, centredAt(edge + 20)], image: wide });
    expect(far.faces.map((f) => f.role)).toEqual(['subject', 'background']);
    expect(far.notes).toEqual([{ id: 'background-outside-crop', message: 'Someone else in the photo is outside your crop: they will not show in your profile picture.' }]);
  });

  it(`leaves out faces under ${MIN_RELATIVE_HEIGHT} of the subject's height, with a note when they show in the crop`, () => {
    const small = face({ left: 0.35, top: 0.25, width: 0.06, height: 0.09 });
    const half = face({ left: 0.6, top: 0.3, width: 0.07, height: 0.1 });
    expect(roles([subject, small, half])).toEqual(['subject', 'background', 'in-picture']);
    const { notes } = countPeople({ faces: [subject, small, small], image });
    expect(notes).toEqual([{ id: 'background-small', message: expect.stringMatching(/^2 people far behind you show in your crop, small/) }]);
  });

  it('turns away a face the mesh did not confirm, one whose mouth is not below its eyes, and one on the subject’s head', () => {
    const box = { left: 0.6, top: 0.3, width: 0.12, height: 0.18 };
    const unconfirmed = face(box, { confirmed: false });
    const upsideDown = face(box);
    upsideDown.landmarks = { ...upsideDown.landmarks!, mouth: [{ x: 0.63, y: 0.33 }, { x: 0.69, y: 0.33 }] };
    // Parted hair above a face: centred within its width, 0.38 of its height above its top (face-api-sample2.jpg).
    const hair = face({ left: 0.45, top: 0.18, width: 0.05, height: 0.09 });
    expect(roles([subject, unconfirmed, upsideDown, hair])).toEqual(['subject', 'unverified', 'unverified', 'unverified']);
    expect(countPeople({ faces: [subject, unconfirmed], image })).toMatchObject({
      counted: 1,
      notes: [{ id: 'unverified', message: expect.stringMatching(/^Something face-like was not counted as a person/) }],
    });
  });

  it('counts every face of a Rekognition response, whose faces have landmarks but no mesh', async () => {
    const rekognition = mockClient(RekognitionClient);
    const response = JSON.parse(readFileSync(path.join(import.meta.dirname, '__fixtures__', 'detect-faces-group.json'), 'utf8'));
    rekognition.on(DetectFacesCommand).resolves(response);
    const faces = await createRekognitionAnalyzer(rekognition as unknown as RekognitionClient).detect({ jpeg: Buffer.from([0xff, 0xd8]), width: 512, height: 512 });
    for (const found of faces) {
      expect(found.landmarks).toBeDefined();
      expect(verifyFace(found, faces, { width: 512, height: 512 })).toBe(true);
    }
    expect(countPeople({ faces, image: { width: 512, height: 512 } })).toMatchObject({ counted: 3, notes: [] });
  });

  it('has nobody to count without a face', () => {
    expect(countPeople({ faces: [], image })).toEqual({ faces: [], counted: 0, notes: [] });
  });
});

describe('ProfileReportSchema', () => {
  it('reads a report stored before roles and notes: every face counted, the largest the subject', () => {
    const plain = ({ box, confidence, pose, eyesOpen, smile, mouthOpen, sunglasses, emotion }: Face) => ({ box, confidence, pose, eyesOpen, smile, mouthOpen, sunglasses, emotion });
    const stored = {
      analyzer: 'rekognition',
      image,
      faces: [plain(face({ left: 0.1, top: 0.1, width: 0.1, height: 0.1 })), plain(subject)],
      quality: { brightness: 50, sharpness: 60 },
      score: 40,
      checks: [{ id: 'one-face', status: 'fail', label: 'More than one person (2 faces)', advice: 'Use a photo of you alone.' }],
    };
    const report = ProfileReportSchema.parse(JSON.parse(JSON.stringify(stored)));
    expect(report.faces.map((f) => f.role)).toEqual(['in-picture', 'subject']);
    expect(report.notes).toEqual([]);
  });
});
