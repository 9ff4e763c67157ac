import { z } from 'zod';
import { largestFace } from '../faces/largest-face';
import { ImageSizeSchema, type ImageSize } from '../faces/schemas';
import { planLinkedInCrop } from './crop';
import { FaceSchema, isCounted, type Face, type FaceRole, type Note, type ReportedFace } from './schemas';
import { verifyFace } from './verify-face';

/*
 * Who is in the profile picture. The largest face is the subject, and the LinkedIn crop is planned on
 * it. Another face counts as a second person when it holds up as a face (verify-face.ts), is at
 * least half as tall as the subject's, and is centred in the crop square or near it. Every other face
 * is still reported, with a note saying why it does not count; only the counted ones decide "one face".
 */

/**
 * A face less than half as tall as the subject's belongs to someone at least twice as far from the
 * camera: background, not a second person in the portrait. Measured (face heights over the
 * subject's): people beside the subject 0.75–1.05 in faces/group-sample1.jpg and the five
 * groups/face-api-sample*.jpg, 0.93 in bar-2.jpg, 0.55–0.92 in bar.jpg; people far behind 0.21
 * (bar-2.jpg), 0.30 (beach-background-people.jpg), 0.28–0.35 (bar.jpg). Things that are not faces,
 * found by looking closer at the fixtures: 0.07–0.65 (printed text 0.07–0.13, a round badge 0.22,
 * parted hair 0.44, a space-shuttle model 0.65, which the second look turns away).
 */
export const MIN_RELATIVE_HEIGHT = 0.5;

/**
 * How far around the crop square a face still counts, in the subject's face heights, from the
 * square's edge to the other face's centre. Someone centred that close sits beside the subject: their
 * head and shoulder (about one and a half face heights either side of their face's centre) reach the
 * picture's edge, and a different crop would take them in. Measured: the subject's nearest neighbour
 * in each group fixture is centred 0 (inside the square) to 1.64 face heights out (face-api-sample2.jpg,
 * three women on a sofa leaning apart); the people beyond them 1.0–4.1, and those from 2 on are notes.
 */
export const NEAR_CROP_MARGIN = 2;

/** A rectangle in fractions of the photo, like a Box, that may reach past the photo's edges. */
export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

const countInput = z.object({ faces: z.array(FaceSchema), image: ImageSizeSchema, sourceSize: ImageSizeSchema.optional() });

export interface PeopleCount {
  /** Every face, in the order given, with its role. */
  faces: ReportedFace[];
  /** The subject and the other people in the picture. */
  counted: number;
  notes: Note[];
}

/** The role of each face and the notes about those that do not count. `image` is the analysed copy, `sourceSize` the original's. */
export function countPeople(input: { faces: Face[]; image: ImageSize; sourceSize?: ImageSize }): PeopleCount {
  const { faces, image, sourceSize } = countInput.parse(input);
  const subject = largestFace(faces);
  if (!subject) return { faces: [], counted: 0, notes: [] };

  const crop = cropSquare(subject, image, sourceSize);
  const near = grow(crop, NEAR_CROP_MARGIN * subject.box.height, sourceSize ?? image);
  const reported = faces.map((face): ReportedFace => ({ ...face, role: roleOf(face) }));
  const notes: Note[] = [];
  const outside = reported.filter((face) => face.role === 'background' && !centredIn(crop, face.box));
  const small = reported.filter((face) => face.role === 'background' && centredIn(crop, face.box));
  const unverified = reported.filter((face) => face.role === 'unverified');
  if (outside.length > 0) notes.push(outsideNote(outside.length));
  if (small.length > 0) notes.push(smallNote(small.length));
  if (unverified.length > 0) notes.push(unverifiedNote(unverified.length));
  return { faces: reported, counted: reported.filter(isCounted).length, notes };

  function roleOf(face: Face): FaceRole {
    if (face === subject) return 'subject';
    if (!verifyFace(face, faces, image)) return 'unverified';
    if (face.box.height < MIN_RELATIVE_HEIGHT * subject!.box.height || !centredIn(near, face.box)) return 'background';
    return 'in-picture';
  }
}

/**
 * Where a second face would matter, around the subject of a photo: the crop square grown by
 * NEAR_CROP_MARGIN, in fractions of the photo (a box that may reach past it). The built-in analyzer
 * looks closer there.
 */
export function nearCropArea(subject: Pick<Face, 'box'>, image: ImageSize, sourceSize?: ImageSize): Area {
  return grow(cropSquare(subject, image, sourceSize), NEAR_CROP_MARGIN * subject.box.height, sourceSize ?? image);
}

/** The LinkedIn crop's square in fractions; a photo too small to crop is shown whole. */
function cropSquare(subject: Pick<Face, 'box'>, image: ImageSize, sourceSize?: ImageSize): Area {
  const plan = planLinkedInCrop(subject, image, sourceSize);
  return plan.status === 'ok' ? plan.box : { left: 0, top: 0, width: 1, height: 1 };
}

/** `box` grown on every side by `by`, a fraction of the photo's height (so the same length across). */
function grow(box: Area, by: number, { width, height }: ImageSize): Area {
  const across = (by * height) / width;
  return { left: box.left - across, top: box.top - by, width: box.width + 2 * across, height: box.height + 2 * by };
}

function centredIn(area: Area, box: Area): boolean {
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  return x >= area.left && x <= area.left + area.width && y >= area.top && y <= area.top + area.height;
}

function outsideNote(count: number): Note {
  const who = count === 1 ? 'Someone else in the photo is' : `${count} other people in the photo are`;
  return { id: 'background-outside-crop', message: `${who} outside your crop: they will not show in your profile picture.` };
}

function smallNote(count: number): Note {
  const who = count === 1 ? 'Someone far behind you shows' : `${count} people far behind you show`;
  const faces = count === 1 ? 'their face is' : 'their faces are';
  return {
    id: 'background-small',
    message: `${who} in your crop, small: ${faces} under half the size of yours, so not counted as a second person. A plainer background keeps the attention on you.`,
  };
}

function unverifiedNote(count: number): Note {
  const what = count === 1 ? 'Something face-like was' : `${count} face-like shapes were`;
  return { id: 'unverified', message: `${what} not counted as a person: a closer check did not confirm a face there (a pattern, a badge or a reflection can look like one).` };
}
