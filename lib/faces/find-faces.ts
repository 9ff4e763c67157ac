import sharp from 'sharp';
import type * as tfjs from '@tensorflow/tfjs-core';
import type { Config, FaceResult, Human, Point } from '@vladmandic/human';
import { loadFaceModel, MIN_FACE_CONFIDENCE, type FaceModelPaths } from './load-face-model';
import type { Box } from './schemas';

/** A face in photo pixels: the extent of its mesh, or the detector's box where no mesh was run. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One face the model found, with its place in the whole photo (the result's own coordinates are those of the pass that found it). */
export interface FoundFace {
  result: FaceResult;
  rect: PixelRect;
}

/** What the caller needs of each face beyond where it is. */
export type FaceDetails = 'analysis' | 'descriptor';

export const MESH_POINTS = 468;

/*
 * Small faces: BlazeFace looks at 256×256 px, so in one pass over a whole photo a face 3% of its width
 * is 8 px wide, where the detector is unsure (scores 0.64–0.79, near MIN_FACE_CONFIDENCE) and the mesh
 * and descriptor have nothing to work with. A second pass therefore looks at the photo in 256-px
 * windows of a copy WINDOW_PASS_SIDE px long, where that face is 19 px. Only the detector runs there;
 * each new face it finds is then looked at again, with every model, in a crop of the full photo around
 * it. Faces the whole-photo pass found are not looked at twice.
 */
/**
 * Long side of the copy the windows are cut from: nine windows of 256 px, overlapping by 64, at 4:3,
 * each a detector call of ~100 ms on wasm. At 512 (six windows, faces of 15 px) a small face next to a
 * large one was missed in the tests' crowd; 640 and 768 (twelve windows) found all of them.
 */
export const WINDOW_PASS_SIDE = 640;
/** The whole-photo pass looks at a copy this long at most: larger adds time, not faces, since the detector sees 256 px. */
const WHOLE_PASS_SIDE = 1024;
const WINDOW = 256;
const WINDOW_OVERLAP = 64;
/** Below this, a face 3% of the photo is too small to describe wherever it is looked at: one pass is all there is. */
const WINDOW_PASS_MIN_SIDE = 768;
/** A face found in a window is re-examined in a crop this many times its box, shrunk to CROP_MAX_SIDE at most. */
const CROP_CONTEXT = 2.5;
const CROP_MAX_SIDE = 512;
/** A face the window pass cut at an inner window edge is found whole in a neighbour, which overlaps by more than a small face. */
const EDGE_MARGIN = 0.05;
/** Two finds are the same face when they overlap by this much of their union, or of the smaller one. */
const SAME_FACE_IOU = 0.3;
const SAME_FACE_OF_SMALLER = 0.5;

/**
 * The window pass reports a candidate from this detector score: a wrong one costs one look at its
 * crop, where every model runs and MIN_FACE_CONFIDENCE applies as everywhere else.
 */
const CANDIDATE_MIN_CONFIDENCE = 0.3;

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

/** Every face in a JPEG, large and small, with what `details` asks for; one call at a time per process. */
export function findFaces(jpeg: Buffer, details: FaceDetails, paths: FaceModelPaths = {}): Promise<{ faces: FoundFace[]; width: number; height: number }> {
  const next = queue.then(async () => {
    const { human } = await loadFaceModel(paths);
    const photo = await sharp(jpeg).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const image = { data: photo.data, width: photo.info.width, height: photo.info.height };
    return { faces: await findInPhoto(human, image, PASSES[details]), width: image.width, height: image.height };
  });
  queue = next.catch(() => undefined);
  return next;
}

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

async function findInPhoto(human: Human, image: RawImage, pass: Partial<Config>): Promise<FoundFace[]> {
  const { image: reduced, scale } = await reduceTo(image, WHOLE_PASS_SIDE);
  const whole = (await detect(human, reduced, pass)).filter(hasMesh).map((result) => ({ result, rect: scaleRect(meshRect(result.mesh), 1 / scale) }));
  if (Math.max(image.width, image.height) < WINDOW_PASS_MIN_SIDE) return whole;

  const found = [...whole];
  for (const candidate of await windowCandidates(human, image)) {
    if (found.some((face) => centredIn(face.rect, candidate) || centredIn(candidate, face.rect))) continue;
    const confirmed = await examineCrop(human, image, candidate, pass);
    if (confirmed && !found.some((face) => sameFace(face.rect, confirmed.rect))) found.push(confirmed);
  }
  return found;
}

/** The detector alone over overlapping windows of a reduced copy; boxes in photo pixels, best first, one per face. */
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
        candidates.push({ rect: { x: (left + x) / scale, y: (top + y) / scale, width: width / scale, height: height / scale }, score: result.boxScore });
      }
    }
  }
  const unique: PixelRect[] = [];
  for (const { rect } of candidates.sort((a, b) => b.score - a.score)) if (!unique.some((kept) => sameFace(kept, rect))) unique.push(rect);
  return unique;
}

/** Every model on a full-resolution crop around a candidate; the face found at its centre, if any. */
async function examineCrop(human: Human, image: RawImage, candidate: PixelRect, pass: Partial<Config>): Promise<FoundFace | null> {
  const side = Math.round(Math.max(candidate.width, candidate.height) * CROP_CONTEXT);
  const centreX = candidate.x + candidate.width / 2;
  const centreY = candidate.y + candidate.height / 2;
  const area = clampRect(image, { x: Math.round(centreX - side / 2), y: Math.round(centreY - side / 2), width: side, height: side });
  const { image: crop } = await reduceTo(cut(image, area), CROP_MAX_SIDE);
  const k = area.width / crop.width;
  const atCentre = (await detect(human, crop, pass))
    .filter(hasMesh)
    .map((result) => {
      const local = meshRect(result.mesh);
      return { result, rect: { x: area.x + local.x * k, y: area.y + local.y * k, width: local.width * k, height: local.height * k } };
    })
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

function cut(image: RawImage, area: PixelRect): RawImage {
  const data = Buffer.alloc(area.width * area.height * 3);
  for (let row = 0; row < area.height; row++) {
    const start = ((area.y + row) * image.width + area.x) * 3;
    image.data.copy(data, row * area.width * 3, start, start + area.width * 3);
  }
  return { data, width: area.width, height: area.height };
}

/** A copy at most `side` px on its long side (the image itself when it is no larger), and the scale it was taken at. */
async function reduceTo(image: RawImage, side: number): Promise<{ image: RawImage; scale: number }> {
  const scale = Math.min(1, side / Math.max(image.width, image.height));
  if (scale === 1) return { image, scale };
  const [width, height] = [Math.round(image.width * scale), Math.round(image.height * scale)];
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).resize(width, height).raw().toBuffer();
  return { image: { data, width, height }, scale };
}

function clampRect(image: RawImage, rect: PixelRect): PixelRect {
  const x = Math.max(0, rect.x);
  const y = Math.max(0, rect.y);
  return { x, y, width: Math.max(1, Math.min(image.width - x, rect.width + Math.min(0, rect.x))), height: Math.max(1, Math.min(image.height - y, rect.height + Math.min(0, rect.y))) };
}

function contains(rect: PixelRect, x: number, y: number): boolean {
  return x > rect.x && x < rect.x + rect.width && y > rect.y && y < rect.y + rect.height;
}

/** Whether `inner`'s centre lies in `outer`: a detector's square box and a mesh's extent of one face always agree on it. */
function centredIn(outer: PixelRect, inner: PixelRect): boolean {
  return contains(outer, inner.x + inner.width / 2, inner.y + inner.height / 2);
}

function scaleRect(rect: PixelRect, k: number): PixelRect {
  return { x: rect.x * k, y: rect.y * k, width: rect.width * k, height: rect.height * k };
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
