import {
  ANALYZE_LOCAL_WORKLOAD,
  ANALYZE_REKOGNITION_WORKLOAD,
  DESCRIBE_FACES_WORKLOAD,
  INDEX_FACES_LOCAL_WORKLOAD,
  INDEX_FACES_REKOGNITION_WORKLOAD,
  PROCESS_IMAGE_WORKLOAD,
} from '../lib/cost/workload';
import {
  ANALYZE_PROFILE_TIMEOUT_SECONDS,
  DELETE_ACCOUNT_TIMEOUT_SECONDS,
  EXPORT_ACCOUNT_TIMEOUT_SECONDS,
  DESCRIBE_FACES_TIMEOUT_SECONDS,
  INDEX_FACES_TIMEOUT_SECONDS,
  LIVE_AUTHORIZER_TIMEOUT_SECONDS,
  PROCESS_IMAGE_TIMEOUT_SECONDS,
  STORE_DEAD_LETTER_TIMEOUT_SECONDS,
  SWEEP_TIMEOUT_SECONDS,
} from './limits';
import type { InfraSettings } from './settings';
import { FACE_SEARCH_PACKAGES, faceSearchCopies } from './shipped-packages';
import { npmCpu } from './site-build';

/*
 * How each Lambda function is built and sized, as plain data with no SST globals: infra/functions.ts
 * creates the functions from it, and `npm run deploy:check` bundles and runs the same handlers with
 * the same packages and files, so what CI proves is what SST deploys.
 */

/*
 * Every function runs on arm64: Lambda bills it about 20% less per GB-second, and sharp and
 * TensorFlow.js's WASM backend both ship arm64 Linux builds.
 */
export const FUNCTION_RUNTIME = 'nodejs22.x';
export const FUNCTION_ARCHITECTURE = 'arm64';
export const METRICS_NAMESPACE = 'Headshot';

/** sharp has a native binary per platform, so it is installed for Lambda's, not bundled from this machine's. */
export const IMAGE_PACKAGES = ['sharp'];
/** The built-in face model loads its weights and WASM files from node_modules at run time, so they ship installed. */
export const LOCAL_FACE_MODEL_PACKAGES = ['@vladmandic/human', '@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-wasm'];
/** The watermark font; Lambda has no system fonts. Lands at /var/task/assets/fonts. */
export const FONT_DIRECTORY = 'assets/fonts';

export interface FunctionSpec {
  /** The SST component name. */
  component: string;
  /** The file under functions/ and the name the local cloud invokes it by. */
  name: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Packages installed for Lambda's platform instead of bundled. */
  install: string[];
  /** Packages left out of the bundle and copied in as published (infra/shipped-packages.ts), with copyFiles. */
  shipped: string[];
  copyFiles: { from: string; to: string }[];
  environment: Record<string, string>;
}

/** The handler path SST resolves from the project root. */
export function handlerOf(spec: FunctionSpec): string {
  return `functions/${spec.name}.handler`;
}

function observability(name: string): Record<string, string> {
  return { POWERTOOLS_SERVICE_NAME: name, POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE };
}

/** Rekognition collections are named this plus the owner's id: one per user, scoped to the app and stage. */
export function faceCollectionPrefix(app: { name: string; stage: string }): string {
  return `${app.name}-${app.stage}-`;
}

export function functionSpecs(settings: Pick<InfraSettings, 'faceAnalyzer'>, app: { name: string; stage: string } = { name: 'headshot', stage: 'local' }) {
  const usesRekognition = settings.faceAnalyzer === 'rekognition';
  const analyzeWorkload = usesRekognition ? ANALYZE_REKOGNITION_WORKLOAD : ANALYZE_LOCAL_WORKLOAD;
  const indexWorkload = usesRekognition ? INDEX_FACES_REKOGNITION_WORKLOAD : INDEX_FACES_LOCAL_WORKLOAD;
  const facePackages = usesRekognition ? IMAGE_PACKAGES : [...IMAGE_PACKAGES, ...LOCAL_FACE_MODEL_PACKAGES];
  const faceEnvironment = { FACE_ANALYZER: settings.faceAnalyzer, FACE_COLLECTION_PREFIX: faceCollectionPrefix(app) };
  return {
    processImage: {
      component: 'ProcessImage',
      name: 'process-image',
      description: 'Validates an upload, writes its resized and watermarked variants',
      memoryMb: PROCESS_IMAGE_WORKLOAD.memoryMb,
      timeoutSeconds: PROCESS_IMAGE_TIMEOUT_SECONDS,
      install: IMAGE_PACKAGES,
      shipped: [],
      copyFiles: [{ from: FONT_DIRECTORY, to: FONT_DIRECTORY }],
      environment: observability('process-image'),
    },
    analyzeProfile: {
      component: 'AnalyzeProfile',
      name: 'analyze-profile',
      description: 'Scores a photo as a profile picture',
      memoryMb: analyzeWorkload.memoryMb,
      timeoutSeconds: ANALYZE_PROFILE_TIMEOUT_SECONDS,
      install: facePackages,
      shipped: [],
      copyFiles: [],
      environment: { FACE_ANALYZER: settings.faceAnalyzer, ...observability('analyze-profile') },
    },
    indexFaces: {
      component: 'IndexFaces',
      name: 'index-faces',
      description: 'Finds, describes and groups the faces of a ready photo',
      memoryMb: indexWorkload.memoryMb,
      timeoutSeconds: INDEX_FACES_TIMEOUT_SECONDS,
      install: facePackages,
      shipped: FACE_SEARCH_PACKAGES,
      copyFiles: faceSearchCopies(npmCpu(FUNCTION_ARCHITECTURE)),
      environment: { ...faceEnvironment, ...observability('index-faces') },
    },
    describeFaces: {
      component: 'DescribeFaces',
      name: 'describe-faces',
      description: 'Runs the built-in face model on a query photo for the site',
      memoryMb: DESCRIBE_FACES_WORKLOAD.memoryMb,
      timeoutSeconds: DESCRIBE_FACES_TIMEOUT_SECONDS,
      install: [...IMAGE_PACKAGES, ...LOCAL_FACE_MODEL_PACKAGES],
      shipped: [],
      copyFiles: [],
      environment: observability('describe-faces'),
    },
    deleteAccount: {
      component: 'DeleteAccount',
      name: 'delete-account',
      description: "Deletes an account and everything of it: objects, items, faces, links",
      memoryMb: 512,
      timeoutSeconds: DELETE_ACCOUNT_TIMEOUT_SECONDS,
      install: [],
      // Its recognizer forgets the user's faces; the module that holds it also compares descriptors.
      shipped: FACE_SEARCH_PACKAGES,
      copyFiles: faceSearchCopies(npmCpu(FUNCTION_ARCHITECTURE)),
      environment: { ...faceEnvironment, ...observability('delete-account') },
    },
    exportAccount: {
      component: 'ExportAccount',
      name: 'export-account',
      description: 'Streams one ZIP archive of everything a user has to the media bucket',
      memoryMb: 1024,
      timeoutSeconds: EXPORT_ACCOUNT_TIMEOUT_SECONDS,
      install: [],
      shipped: [],
      copyFiles: [],
      environment: observability('export-account'),
    },
    storeDeadLetter: {
      component: 'StoreDeadLetter',
      name: 'store-dead-letter',
      description: 'Turns every message in the job dead-letter queues into its owner\'s dead letter',
      memoryMb: 256,
      timeoutSeconds: STORE_DEAD_LETTER_TIMEOUT_SECONDS,
      install: [],
      shipped: [],
      copyFiles: [],
      environment: observability('store-dead-letter'),
    },
    liveAuthorizer: {
      component: 'LiveAuthorizer',
      name: 'live-authorizer',
      description: "Lets a browser's live-updates connection subscribe to its owner's topic, and nothing else",
      memoryMb: 256,
      timeoutSeconds: LIVE_AUTHORIZER_TIMEOUT_SECONDS,
      install: [],
      shipped: [],
      copyFiles: [],
      environment: observability('live-authorizer'),
    },
    sweep: {
      component: 'Sweep',
      name: 'sweep',
      description: 'Moves every job that should have moved and did not: lost events, dead runs, uploads that never came',
      memoryMb: 256,
      timeoutSeconds: SWEEP_TIMEOUT_SECONDS,
      install: [],
      shipped: [],
      copyFiles: [],
      environment: observability('sweep'),
    },
  } satisfies Record<string, FunctionSpec>;
}
