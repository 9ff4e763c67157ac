import type * as tfjs from '@tensorflow/tfjs-core';
import type { Config, FaceResult, Human, Point } from '@vladmandic/human';
import { confirmFace, SECOND_LOOK_MIN_CONFIDENCE } from './confirm-face';
import { liesOnHead } from './lies-on-head';
import { loadFaceModel, MIN_FACE_CONFIDENCE, type FaceModelPaths } from './load-face-model';
import { clampRect, cut, decodeRaw, reduceTo, type PixelRect, type RawImage } from './raw-image';
import type { Box, ImageSize } from './schemas';

export type { PixelRect } from './raw-image';

/** A point in photo pixels. */
export type PixelPoint = [x: number, y: number];

/** Where the eyes, the nose tip and the mouth corners are, in photo pixels, in the image's left-to-right order. */
export interface FaceLandmarks {
  eyes: [PixelPoint, PixelPoint];
  nose: PixelPoint;
  mouth: [PixelPoint, PixelPoint];
}

/** One face the model found, with its place in the whole photo (the result's own coordinates are those of the pass that found it). */
export interface FoundFace {
  result: FaceResult;
  /** The extent of its mesh. */
  rect: PixelRect;
  landmarks: FaceLandmarks;
  /**
   * For a face found by looking closer (a window, or the area around the largest face): the face
   * mesh's confidence at a second look framed on its own extent (confirm-face.ts). Faces of the
   * whole-photo look have none.
   */
  secondLook?: number;
}

/** What the caller needs of each face beyond where it is. */
export type FaceDetails = 'analysis' | 'descriptor';

/** Where to look closer, around the largest face: an area of the photo, and the height (mesh extent, px) from which a face there matters. */
export interface CloserLook {
  area: PixelRect;
  minFaceHeight: number;
}

export interface FindFacesOptions {
  /**
   * For 'analysis': given the largest face the whole-photo look found, where a smaller face would
   * still matter. Without it, 'analysis' looks at the whole photo only.
   */
  closerLook?: (largest: PixelRect, photo: ImageSize) => CloserLook | null;
}

export const MESH_POINTS = 468;

/*
 * Small faces: BlazeFace looks at 256×256 px, so in one pass over a whole photo a face 3% of its width
 * is 8 px wide, where the detector is unsure (scores 0.64–0.79, near MIN_FACE_CONFIDENCE) and the mesh
 * and descriptor have nothing to work with. Indexing ('descriptor') therefore looks at the photo again
 * in 256-px windows of a copy WINDOW_PASS_SIDE px long, where that face is 19 px. Only the detector
 * runs there; each new face it finds is then looked at again, with every model, in a crop of the full
 * photo around it, and a third time by the mesh alone (confirm-face.ts). Faces the whole-photo pass
 * found are not looked at twice.
 *
 * The LinkedIn check ('analysis') does not need every face, only those that could share the
 * profile picture: the caller says where (closerLook), and one detector call on that area replaces
 * the nine windows, when it sees faces there larger than the whole-photo look did.
 */
/**
 * Long side of the copy the windows are cut from: nine windows of 256 px, overlapping by 64, at 4:3,
 * each a detector call of ~50 ms on wasm. At 512 (six windows, faces of 15 px) a small face next to a
 * large one was missed in the tests' crowd; 640 and 768 (twelve windows) found all of them.
 */
export const WINDOW_PASS_SIDE = 640;
/** The whole-photo pass looks at a copy this long at most: larger adds time, not faces, since the detector sees 256 px. */
const WHOLE_PASS_SIDE = 1024;
/** BlazeFace's input: every image it is given is resized to this square. */
const DETECTOR_SIDE = 256;
const WINDOW = DETECTOR_SIDE;
const WINDOW_OVERLAP = 64;
/** Below this, a face 3% of the photo is too small to describe wherever it is looked at: one pass is all there is. */
const WINDOW_PASS_MIN_SIDE = 768;
/**
 * A face this tall in the detector's 256 px is found reliably: the window pass's measurements above
 * (every face of 19 px found, one of 15 px missed).
 */
const RELIABLE_FACE_PX = 19;
/** A closer look is worth a detector call (~50 ms) when it sees faces at least this much larger than the whole-photo look did. */
const CLOSER_MIN_GAIN = 1.25;
/**
 * A mesh's height over the side of the detector's box around it, at most: 0.57–0.77 over every face
 * of the fixtures. A candidate box smaller than minFaceHeight / this cannot hold a face that matters.
 */
const MESH_OF_BOX_MAX = 0.8;
/** A face found in a window is re-examined in a crop this many times its box, shrunk to CROP_MAX_SIDE at most. */
const CROP_CONTEXT = 2.5;
const CROP_MAX_SIDE = 512;
/** A face the window pass cut at an inner window edge is found whole in a neighbour, which overlaps by more than a small face. */
const EDGE_MARGIN = 0.05;
/** Two finds are the same face when they overlap by this much of their union, or of the smaller one. */
const SAME_FACE_IOU = 0.3;
const SAME_FACE_OF_SMALLER = 0.5;

/**
 * Looking closer reports a candidate from this detector score: a wrong one costs one look at its
 * crop, where every model runs and MIN_FACE_CONFIDENCE applies as everywhere else.
 */
const CANDIDATE_MIN_CONFIDENCE = 0.3;

// Face-mesh landmark indices (MediaPipe's 468-point canonical face mesh): eye corners, nose tip, mouth corners.
const EYE_CORNERS = [
  [33, 133],
  [362, 263],
] as const;
const NOSE_TIP = 1;
const MOUTH_CORNERS = [61, 291] as const;

/*
 * Every call names every switch: Human merges a call's configuration into its own and keeps it, so a
 * switch left out would be whatever the previous call set.
 */
const CANDIDATES = {
  face: { detector: { minConfidence: CANDIDATE_MIN_CONFIDENCE }, mesh: { enabled: false }, iris: { enabled: false }, emotion: { enabled: false }, description: { enabled: false } },
} as Partial<Config>;
const PASSES: Record<FaceDetails, Partial<Config>> = {
  analysis: {
    face: { detector: { minConfidence: MIN_FACE_CONFIDENCE }, mesh: { enabled: true }, iris: { enabled: true }, emotion: { enabled: true }, description: { enabled: false } },
  } as Partial<Config>,
  descriptor: {
    face: { detector: { minConfidence: MIN_FACE_CONFIDENCE }, mesh: { enabled: true }, iris: { enabled: false }, emotion: { enabled: false }, description: { enabled: true } },
  } as Partial<Config>,
};

/** One model per process, so one queue per process: the wasm backend runs one inference at a time anyway. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The faces in a JPEG, with what `details` asks for; one call at a time per process. 'descriptor'
 * finds every face, large and small, for indexing; 'analysis' looks at the whole photo, and closer
 * where `options.closerLook` says.
 */
export function findFaces(
  jpeg: Buffer,
  details: FaceDetails,
  paths: FaceModelPaths = {},
  options: FindFacesOptions = {},
): Promise<{ faces: FoundFace[]; width: number; height: number }> {
  const next = queue.then(async () => {
    const { human } = await loadFaceModel(paths);
    const image = await decodeRaw(jpeg);
    const pass = PASSES[details];
    const whole = await lookAtWhole(human, image, pass);
    const closer = details === 'descriptor' ? await lookThroughWindows(human, image, whole, pass) : await lookCloser(human, image, whole, pass, options);
    return { faces: [...whole, ...closer], width: image.width, height: image.height };
  });
  queue = next.catch(() => undefined);
  return next;
}

async function lookAtWhole(human: Human, image: RawImage, pass: Partial<Config>): Promise<FoundFace[]> {
  const { image: reduced, scale } = await reduceTo(image, WHOLE_PASS_SIDE);
  return (await detect(human, reduced, pass)).filter(hasMesh).map((result) => place(result, 0, 0, 1 / scale));
}

/**
 * Small faces for the index: windows over the photo, each new face examined in a crop and given a
 * second look. A find that fails it, or that lies on a larger face's head, is left out: the index
 * keeps faces, not candidates.
 */
async function lookThroughWindows(human: Human, image: RawImage, whole: FoundFace[], pass: Partial<Config>): Promise<FoundFace[]> {
  if (Math.max(image.width, image.height) < WINDOW_PASS_MIN_SIDE) return [];
  const finds = await examine(human, image, await windowCandidates(human, image), whole, pass);
  const confirmed = finds.filter((find) => (find.secondLook ?? 0) >= SECOND_LOOK_MIN_CONFIDENCE);
  const faces = [...whole, ...confirmed];
  return confirmed.filter((find) => !faces.some((other) => other !== find && liesOnHead(extent(find.rect), extent(other.rect))));
}

/**
 * The caller's area around the largest face, with the detector alone, when it sees faces of the
 * height that matters larger than the whole-photo look did and not yet reliably; new faces there are
 * examined and given a second look, and returned whatever its answer, for the caller to judge.
 */
async function lookCloser(human: Human, image: RawImage, whole: FoundFace[], pass: Partial<Config>, options: FindFacesOptions): Promise<FoundFace[]> {
  const largest = [...whole].sort((a, b) => b.rect.width * b.rect.height - a.rect.width * a.rect.height)[0];
  const look = largest && options.closerLook?.(largest.rect, { width: image.width, height: image.height });
  if (!look) return [];
  const area = clampRect(image, look.area);
  const wholeScale = DETECTOR_SIDE / Math.max(image.width, image.height);
  const areaScale = DETECTOR_SIDE / Math.max(area.width, area.height);
  if (look.minFaceHeight * wholeScale >= RELIABLE_FACE_PX || areaScale < CLOSER_MIN_GAIN * wholeScale) return [];

  const { image: reduced, scale } = await reduceTo(cut(image, area), DETECTOR_SIDE);
  const candidates = (await detect(human, reduced, CANDIDATES))
    .map((result) => ({ rect: offsetRect(result.box, area.x, area.y, 1 / scale), score: result.boxScore }))
    .filter(({ rect }) => rect.height * MESH_OF_BOX_MAX >= look.minFaceHeight);
  return examine(human, image, bestFirst(candidates), whole, pass);
}

/** Each candidate no earlier face covers, examined with every model in a crop around it and given a second look; the faces confirmed there. */
async function examine(human: Human, image: RawImage, candidates: PixelRect[], known: FoundFace[], pass: Partial<Config>): Promise<FoundFace[]> {
  const found = [...known];
  const finds: FoundFace[] = [];
  for (const candidate of candidates) {
    if (found.some((face) => centredIn(face.rect, candidate) || centredIn(candidate, face.rect))) continue;
    const face = await examineCrop(human, image, candidate, pass);
    if (!face || found.some((other) => sameFace(other.rect, face.rect))) continue;
    const checked = { ...face, secondLook: await confirmFace(human, image, face.rect) };
    found.push(checked);
    finds.push(checked);
  }
  return finds;
}

/** The detector alone over overlapping windows of a reduced copy; boxes in photo pixels. */
async function windowCandidates(human: Human, image: RawImage): Promise<PixelRect[]> {
  const { image: reduced, scale } = await reduceTo(image, WINDOW_PASS_SIDE);
  const candidates: { rect: PixelRect; score: number }[] = [];
  for (const top of windowStarts(reduced.height)) {
    for (const left of windowStarts(reduced.width)) {
      const window = cut(reduced, { x: left, y: top, width: Math.min(WINDOW, reduced.width), height: Math.min(WINDOW, reduced.height) });
      for (const result of await detect(human, window, CANDIDATES)) {
        const [x, y, width, height] = result.box;
        const margin = EDGE_MARGIN * width;
        const cutByInnerEdge =
          (left > 0 && x - margin < 0) ||
          (top > 0 && y - margin < 0) ||
          (left + window.width < reduced.width && x + width + margin > window.width) ||
          (top + window.height < reduced.height && y + height + margin > window.height);
        if (cutByInnerEdge) continue;
        candidates.push({ rect: offsetRect(result.box, left / scale, top / scale, 1 / scale), score: result.boxScore });
      }
    }
  }
  return bestFirst(candidates);
}

/** Candidate boxes, best score first, one per face. */
function bestFirst(candidates: { rect: PixelRect; score: number }[]): PixelRect[] {
  const unique: PixelRect[] = [];
  for (const { rect } of [...candidates].sort((a, b) => b.score - a.score)) if (!unique.some((kept) => sameFace(kept, rect))) unique.push(rect);
  return unique;
}

/** Every model on a full-resolution crop around a candidate; the face found at its centre, if any. */
async function examineCrop(human: Human, image: RawImage, candidate: PixelRect, pass: Partial<Config>): Promise<FoundFace | null> {
  const side = Math.max(candidate.width, candidate.height) * CROP_CONTEXT;
  const area = clampRect(image, { x: candidate.x + candidate.width / 2 - side / 2, y: candidate.y + candidate.height / 2 - side / 2, width: side, height: side });
  const { image: crop, scale } = await reduceTo(cut(image, area), CROP_MAX_SIDE);
  const atCentre = (await detect(human, crop, pass))
    .filter(hasMesh)
    .map((result) => place(result, area.x, area.y, 1 / scale))
    .filter(({ rect }) => contains(candidate, rect.x + rect.width / 2, rect.y + rect.height / 2));
  return atCentre.sort((a, b) => b.result.boxScore - a.result.boxScore)[0] ?? null;
}

async function detect(human: Human, image: RawImage, config: Partial<Config>): Promise<FaceResult[]> {
  const tf = human.tf as typeof tfjs;
  const tensor = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  try {
    const result = await human.detect(tensor, config);
    if (result.error) throw new Error(`The face model failed: ${result.error}`);
    return result.face;
  } finally {
    tf.dispose(tensor);
  }
}

/** A face whose mesh failed is dropped by Human already; this guard keeps every later reading of it complete. */
function hasMesh(face: FaceResult): boolean {
  return face.mesh.length >= MESH_POINTS && face.rotation !== undefined && face.rotation !== null;
}

/** A face found in a pass whose pixel (0, 0) is the photo's (x, y), at `k` photo pixels per pass pixel. */
function place(result: FaceResult, x: number, y: number, k: number): FoundFace {
  const toPhoto = (point: Point | undefined): PixelPoint => [x + point![0]! * k, y + point![1]! * k];
  const local = meshRect(result.mesh);
  const midpoint = ([a, b]: readonly [number, number]): PixelPoint => {
    const [p, q] = [toPhoto(result.mesh[a]), toPhoto(result.mesh[b])];
    return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
  };
  const leftToRight = <T extends PixelPoint>(a: T, b: T): [T, T] => (a[0] <= b[0] ? [a, b] : [b, a]);
  return {
    result,
    rect: { x: x + local.x * k, y: y + local.y * k, width: local.width * k, height: local.height * k },
    landmarks: {
      eyes: leftToRight(midpoint(EYE_CORNERS[0]), midpoint(EYE_CORNERS[1])),
      nose: toPhoto(result.mesh[NOSE_TIP]),
      mouth: leftToRight(toPhoto(result.mesh[MOUTH_CORNERS[0]]), toPhoto(result.mesh[MOUTH_CORNERS[1]])),
    },
  };
}

/** A face's rect in fractions of the photo, inside it. */
export function boxOf(rect: PixelRect, width: number, height: number): Box {
  const left = clamp01(rect.x / width);
  const top = clamp01(rect.y / height);
  const right = clamp01((rect.x + rect.width) / width);
  const bottom = clamp01((rect.y + rect.height) / height);
  // Five decimals is a sixth of a pixel at 1600 px; more is float noise in what is stored.
  return { left: round5(left), top: round5(top), width: round5(right - left), height: round5(bottom - top) };
}

/** Human's own box is the detector's square, enlarged for cropping; the mesh's extent is the face itself. */
export function meshRect(mesh: Point[]): PixelRect {
  const points = mesh.slice(0, MESH_POINTS);
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Evenly spread starts of windows covering `length` px with at least WINDOW_OVERLAP px of overlap. */
function windowStarts(length: number): number[] {
  if (length <= WINDOW) return [0];
  const count = Math.ceil((length - WINDOW_OVERLAP) / (WINDOW - WINDOW_OVERLAP));
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - WINDOW)) / (count - 1)));
}

/** A [x, y, width, height] box of a pass whose pixel (0, 0) is the photo's (x, y), at `k` photo pixels per pass pixel. */
function offsetRect([left, top, width, height]: [number, number, number, number], x: number, y: number, k: number): PixelRect {
  return { x: x + left * k, y: y + top * k, width: width * k, height: height * k };
}

function extent(rect: PixelRect) {
  return { left: rect.x, top: rect.y, width: rect.width, height: rect.height };
}

function contains(rect: PixelRect, x: number, y: number): boolean {
  return x > rect.x && x < rect.x + rect.width && y > rect.y && y < rect.y + rect.height;
}

/** Whether `inner`'s centre lies in `outer`: a detector's square box and a mesh's extent of one face always agree on it. */
function centredIn(outer: PixelRect, inner: PixelRect): boolean {
  return contains(outer, inner.x + inner.width / 2, inner.y + inner.height / 2);
}

function sameFace(a: PixelRect, b: PixelRect): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (width <= 0 || height <= 0) return false;
  const intersection = width * height;
  const areaA = a.width * a.height;
  const areaB = b.width * b.height;
  return intersection / (areaA + areaB - intersection) > SAME_FACE_IOU || intersection / Math.min(areaA, areaB) > SAME_FACE_OF_SMALLER;
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/** A fraction or a score kept within [0, 1]: a face's mesh can reach past the frame. */
export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
