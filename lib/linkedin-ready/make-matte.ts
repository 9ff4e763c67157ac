import sharp from 'sharp';
import type { FaceModelPaths } from '../faces/load-face-model';
import { segmentPerson } from '../faces/segment-person';
import type { RgbImage } from './cut-frame';

/** Opacity of the person per pixel, 0–255, at the image's size. */
export interface Matte {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The ways of turning the model's 256-px mask into a matte at full size; docs/linkedin-ready.md has what each scored. */
export const REFINEMENTS = ['none', 'feather', 'erode', 'guided'] as const;
export type Refinement = (typeof REFINEMENTS)[number];

/** The one the product uses, chosen by the edge figures and by eye (docs/linkedin-ready.md). */
export const CHOSEN_REFINEMENT: Refinement = 'guided';

/** 'feather' and 'erode': the mask's soft ramp is steepened this much around its threshold, then blurred by FEATHER of the side. */
const STEEPNESS = 3;
const FEATHER = 1 / 400;
/** 'erode' moves the edge inwards by thresholding here rather than at one half. */
const ERODE_THRESHOLD = 0.7;

/**
 * 'guided': He, Sun and Tang's guided filter ("Guided Image Filtering", 2010) with the photo's luma as
 * the guide, so the matte's edge follows the edges in the photo (hair against sky) rather than the
 * mask's 256-px blur. The mask is steepened first (GUIDED_INPUT_STEEPNESS), so the filter starts from
 * a definite edge; the window is GUIDED_RADIUS of the side; GUIDED_EPSILON (on 0–1 values) sets how
 * strong an edge in the photo must be to be followed (lower follows texture in the background too).
 * The result is steepened again around GUIDED_THRESHOLD, a little past one half so the edge sits just
 * inside the person, where what the filter left half-transparent is a few pixels wide.
 * docs/linkedin-ready.md has the search these values come from.
 */
const GUIDED_RADIUS = 1 / 25;
const GUIDED_EPSILON = 0.001;
const GUIDED_INPUT_STEEPNESS = 3;
const GUIDED_STEEPNESS = 4;
const GUIDED_THRESHOLD = 0.55;

/**
 * The matte is refined on a copy this long at most and scaled up: at 2048 px the filter took a second
 * on one core, at 768 px 0.25 s. The model's mask is 256 px, so this still refines it threefold.
 */
const MATTE_WORK_SIDE = 768;

/** The person's matte for an image (the square the person fills), refined as asked. */
export async function makeMatte(image: RgbImage, refinement: Refinement = CHOSEN_REFINEMENT, paths?: FaceModelPaths): Promise<Matte> {
  const mask = await segmentPerson(image, paths);
  const scale = Math.min(1, MATTE_WORK_SIDE / Math.max(image.width, image.height));
  const work = scale === 1 ? image : await shrink(image, Math.round(image.width * scale), Math.round(image.height * scale));
  const refined = await refine(work, await resizeMatte(mask, work.width, work.height), refinement);
  return scale === 1 ? refined : resizeMatte(refined, image.width, image.height);
}

async function shrink(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).resize(width, height, { fit: 'fill' }).raw().toBuffer();
  return { data, width, height };
}

async function resizeMatte(matte: Matte, width: number, height: number): Promise<Matte> {
  const data = await sharp(Buffer.from(matte.data), { raw: { width: matte.width, height: matte.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    // One channel in comes out as three unless told: sharp writes sRGB by default.
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height };
}

async function refine(image: RgbImage, matte: Matte, refinement: Refinement): Promise<Matte> {
  switch (refinement) {
    case 'none':
      return matte;
    case 'feather':
      return feather(steepen(matte, 0.5, STEEPNESS), image.width * FEATHER);
    case 'erode':
      return feather(steepen(matte, ERODE_THRESHOLD, STEEPNESS), image.width * FEATHER);
    case 'guided':
      return steepen(
        guidedFilter(image, steepen(matte, 0.5, GUIDED_INPUT_STEEPNESS), Math.max(2, Math.round(image.width * GUIDED_RADIUS)), GUIDED_EPSILON),
        GUIDED_THRESHOLD,
        GUIDED_STEEPNESS,
      );
  }
}

/** Maps opacity through a ramp centred on `threshold` with slope `steepness`, clipped to 0–1. */
function steepen(matte: Matte, threshold: number, steepness: number): Matte {
  const data = new Uint8Array(matte.data.length);
  for (let i = 0; i < data.length; i++) data[i] = clamp255(((matte.data[i]! / 255 - threshold) * steepness + 0.5) * 255);
  return { ...matte, data };
}

async function feather(matte: Matte, sigma: number): Promise<Matte> {
  if (sigma < 0.3) return matte;
  const blurred = await sharp(Buffer.from(matte.data), { raw: { width: matte.width, height: matte.height, channels: 1 } }).blur(sigma).toColourspace('b-w').raw().toBuffer();
  return { ...matte, data: new Uint8Array(blurred.buffer, blurred.byteOffset, blurred.length) };
}

/** The grey-guide guided filter: q = mean(a)·I + mean(b), with a, b the per-window linear fit of the matte to the guide. */
function guidedFilter(image: RgbImage, matte: Matte, radius: number, epsilon: number): Matte {
  const { width, height } = matte;
  const count = width * height;
  const guide = new Float32Array(count);
  const input = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    guide[i] = (0.2126 * image.data[i * 3]! + 0.7152 * image.data[i * 3 + 1]! + 0.0722 * image.data[i * 3 + 2]!) / 255;
    input[i] = matte.data[i]! / 255;
  }
  const box = (values: Float32Array) => boxMean(values, width, height, radius);
  const meanGuide = box(guide);
  const meanInput = box(input);
  const meanProduct = box(guide.map((value, i) => value * input[i]!));
  const meanSquare = box(guide.map((value) => value * value));
  const a = new Float32Array(count);
  const b = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const variance = meanSquare[i]! - meanGuide[i]! * meanGuide[i]!;
    a[i] = (meanProduct[i]! - meanGuide[i]! * meanInput[i]!) / (variance + epsilon);
    b[i] = meanInput[i]! - a[i]! * meanGuide[i]!;
  }
  const meanA = box(a);
  const meanB = box(b);
  const data = new Uint8Array(count);
  for (let i = 0; i < count; i++) data[i] = clamp255((meanA[i]! * guide[i]! + meanB[i]!) * 255);
  return { data, width, height };
}

/** Mean over a (2·radius + 1)² window, clipped at the borders; two running-sum passes, so its cost does not grow with the radius. */
function boxMean(values: Float32Array, width: number, height: number, radius: number): Float32Array {
  const rows = new Float32Array(values.length);
  for (let y = 0; y < height; y++) runningMean(values, rows, y * width, 1, width, radius);
  const out = new Float32Array(values.length);
  for (let x = 0; x < width; x++) runningMean(rows, out, x, width, height, radius);
  return out;
}

function runningMean(source: Float32Array, target: Float32Array, start: number, stride: number, length: number, radius: number): void {
  let sum = 0;
  for (let i = 0; i < Math.min(radius, length); i++) sum += source[start + i * stride]!;
  for (let i = 0; i < length; i++) {
    if (i + radius < length) sum += source[start + (i + radius) * stride]!;
    if (i - radius - 1 >= 0) sum -= source[start + (i - radius - 1) * stride]!;
    target[start + i * stride] = sum / (Math.min(length - 1, i + radius) - Math.max(0, i - radius) + 1);
  }
}

function clamp255(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value)));
}
