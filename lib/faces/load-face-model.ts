import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as tfjs from '@tensorflow/tfjs-core';
import type { Config, Human } from '@vladmandic/human';

/** Where the built-in model's files are: the npm packages on disk unless told otherwise (a Lambda bundle may move them). */
export interface FaceModelPaths {
  /** Folder holding blazeface.json, facemesh.json, iris.json, emotion.json, faceres.json and their .bin weights. */
  modelDir?: string;
  /** Folder holding tfjs-backend-wasm's .wasm binaries. */
  wasmDir?: string;
  /** Folder holding the person-segmentation model, selfie.json and selfie.bin (lib/faces/segment-person.ts); assets/models/selfie by default. */
  segmentationModelDir?: string;
}

export interface FaceModel {
  human: Human;
  /** Milliseconds the first load took (backend start-up plus reading every model). */
  loadMs: number;
}

/**
 * Enough for a team photo; Rekognition reports up to 100 faces, but a profile photo with more than
 * a handful is already answered by "more than one person".
 */
export const MAX_FACES = 20;

/**
 * BlazeFace's score below which a box is not reported as a face. Human's default (0.2) suits video,
 * where the next frame corrects a false find; for a single photo 0.5 keeps cats (nofaces/chelsea.png)
 * and coffee cups (nofaces/coffee.png) out while every face in faces/group-sample1.jpg scores 0.76–0.89.
 */
export const MIN_FACE_CONFIDENCE = 0.5;

/** The models the analysis and face indexing need; loading fails loudly if any is missing, rather than finding no faces. */
const REQUIRED_MODELS = ['blazeface', 'facemesh', 'iris', 'emotion', 'faceres'] as const;

const require = createRequire(import.meta.url);

/**
 * The package's export map offers only its tfjs-node build (a native addon we do not ship), so the
 * wasm build is found next to it, by path.
 */
function humanPackageDir(): string {
  return path.join(path.dirname(require.resolve('@vladmandic/human')), '..');
}

function defaultPaths(): Required<Omit<FaceModelPaths, 'segmentationModelDir'>> {
  return {
    modelDir: path.join(humanPackageDir(), 'models'),
    wasmDir: path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')),
  };
}

function humanConfig(modelDir: string, wasmDir: string): Partial<Config> {
  return {
    backend: 'wasm',
    // tfjs-backend-wasm always runs single-threaded under Node (it reports no thread support there).
    wasmPath: `${wasmDir}${path.sep}`,
    modelBasePath: `${pathToFileURL(modelDir).href}/`,
    debug: false,
    warmup: 'none',
    cacheModels: false,
    // Photos are unrelated to each other: no frame-to-frame caching, which exists for video.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: MAX_FACES, minConfidence: MIN_FACE_CONFIDENCE, return: false },
      mesh: { enabled: true },
      iris: { enabled: true },
      // Every emotion's score, so "not smiling" is a measured low happy score, not a missing entry.
      emotion: { enabled: true, minConfidence: 0 },
      // The recognition model (faceres): a descriptor per face, for finding a person again. Loaded always, run only when asked for (lib/faces/find-faces.ts).
      description: { enabled: true, minConfidence: 0 },
      attention: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
  } as Partial<Config>;
}

let loading: Promise<FaceModel> | undefined;

/**
 * The built-in face model, loaded once per process: the first call starts the load, every later or
 * concurrent call shares it. A failed load is forgotten so the next call tries again. `paths` only
 * matter on the first call.
 */
export function loadFaceModel(paths: FaceModelPaths = {}): Promise<FaceModel> {
  loading ??= load({ ...defaultPaths(), ...paths }).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load({ modelDir, wasmDir }: Required<Omit<FaceModelPaths, 'segmentationModelDir'>>): Promise<FaceModel> {
  const started = performance.now();
  const { Human } = (await import(pathToFileURL(path.join(humanPackageDir(), 'dist', 'human.node-wasm.js')).href)) as typeof import('@vladmandic/human');
  const human = new Human(humanConfig(modelDir, wasmDir)) as Human;
  const tf = human.tf as typeof tfjs;
  // tfjs asks every router in turn and skips those answering null, as its own http router does for other schemes.
  tf.io.registerLoadRouter(fileLoadRouter(tf, modelDir) as Parameters<typeof tf.io.registerLoadRouter>[0]);
  await human.load();
  const loaded = human.models.loaded();
  const missing = REQUIRED_MODELS.filter((name) => !loaded.includes(name));
  if (missing.length > 0) throw new Error(`The face model could not load ${missing.join(', ')} from ${modelDir}.`);
  if (tf.getBackend() !== 'wasm') throw new Error(`The face model runs on "${tf.getBackend()}" instead of wasm.`);
  return { human, loadMs: performance.now() - started };
}

/**
 * tfjs fetches models over http(s) only, and Node's fetch cannot read file:// URLs, so model.json
 * files under `modelDir` are read from disk here (readModelFiles). Other URLs are left to tfjs's own handlers.
 */
function fileLoadRouter(tf: typeof tfjs, modelDir: string) {
  const root = path.resolve(modelDir) + path.sep;
  return (url: string | string[]): tfjs.io.IOHandler | null => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const file = fileURLToPath(url);
    return file.startsWith(root) ? readModelFiles(tf, file) : null;
  };
}

/** A model on disk, for tfjs: its model.json, then its weight files, concatenated in manifest order as tfjs expects. */
export function readModelFiles(tf: typeof tfjs, file: string): tfjs.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(file, 'utf8')) as tfjs.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const files = manifest.flatMap((group) => group.paths).map((name) => readFile(path.join(path.dirname(file), name)));
        const weights = Buffer.concat(await Promise.all(files));
        const data = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
        return [manifest.flatMap((group) => group.weights), data];
      });
    },
  };
}
