import { DESCRIBE_FACES_WORKLOAD } from '../lib/cost/workload';
import { JOB_WIRING, type BucketLink, type JobWiring, type PackageSet } from '../lib/jobs/wiring';
import { DESCRIBE_FACES_TIMEOUT_SECONDS, LIVE_AUTHORIZER_TIMEOUT_SECONDS, STORE_DEAD_LETTER_TIMEOUT_SECONDS, SWEEP_TIMEOUT_SECONDS } from './limits';
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

/**
 * What X-Ray active tracing needs of every function's role (infra/defaults.ts): sending its segments,
 * on no resource in particular, since X-Ray has none. Lambda makes the sampling decisions, so no
 * sampling rules are read.
 */
export const XRAY_WRITE = { actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] };

/** sharp has a native binary per platform, so it is installed for Lambda's, not bundled from this machine's. */
export const IMAGE_PACKAGES = ['sharp'];
/** The built-in face model loads its weights and WASM files from node_modules at run time, so they ship installed. */
export const LOCAL_FACE_MODEL_PACKAGES = ['@vladmandic/human', '@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-wasm'];

/** A resource a function is linked to, read as `Resource.<name>` (lib/aws/resources.ts). */
export type LinkName = BucketLink | 'Table' | 'Realtime';

/** Variables infra/ sets from SST secrets: named here, their values stay out of this plain data. */
export type SecretVariable = 'CLERK_SECRET_KEY' | 'LIVE_TOKEN_KEY' | 'WEBHOOK_SECRET_KEY';

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
  /**
   * Its links, and no others: SST writes exactly these into the function's own encrypted
   * resource.enc, so a function that reads a resource missing here fails on AWS (and in deploy:check).
   */
  links: LinkName[];
  /** Variables it gets from SST secrets besides `environment`. */
  secrets: SecretVariable[];
  /**
   * Told the site's CloudFront distribution (CDN_DISTRIBUTION_ID), which it may invalidate: infra/functions.ts
   * sets both from the distribution SST makes, deploy:check from the local cloud's CloudFront stand-in.
   */
  distribution?: true;
}

/** The handler path SST resolves from the project root. */
export function handlerOf(spec: FunctionSpec): string {
  return `functions/${spec.name}.handler`;
}

function observability(name: string): Record<string, string> {
  return { POWERTOOLS_SERVICE_NAME: name, POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE };
}

/*
 * Rekognition collections are named this plus the owner's id: one per user, scoped to the app and
 * stage. SST lets app and stage names hold letters, digits and hyphens only, so the dots end each of
 * them unambiguously: "headshot.prod.*" cannot match stage prod-eu's "headshot.prod-eu.…", which
 * "headshot-prod-*" did.
 */
export function faceCollectionPrefix(app: { name: string; stage: string }): string {
  return `${app.name}.${app.stage}.`;
}

/** Where the functions run: Rekognition grants name it, so that a stage's grant reaches no other account or region. */
export interface AwsLocation {
  partition: string;
  region: string;
  account: string;
}

/** The IAM resource of every collection of this app and stage, in this account and region (where the functions call Rekognition). */
export function faceCollectionsArn(location: AwsLocation, app: { name: string; stage: string }): string {
  return `arn:${location.partition}:rekognition:${location.region}:${location.account}:collection/${faceCollectionPrefix(app)}*`;
}

/** The deploy-time choices a function's build depends on, and the app and stage its names are scoped to. */
export interface SpecContext {
  settings: Pick<InfraSettings, 'faceAnalyzer'>;
  /** The local cloud's by default. */
  app?: { name: string; stage: string };
}

const LOCAL_STAGE = { name: 'headshot', stage: 'local' };

/** What the site and the face functions read to reach faces: the deployed analyzer, and this stage's collections. */
export function faceEnvironment({ settings, app = LOCAL_STAGE }: SpecContext): { FACE_ANALYZER: string; FACE_COLLECTION_PREFIX: string } {
  return { FACE_ANALYZER: settings.faceAnalyzer, FACE_COLLECTION_PREFIX: faceCollectionPrefix(app) };
}

function packagesOf(sets: readonly PackageSet[], usesRekognition: boolean): Pick<FunctionSpec, 'install' | 'shipped' | 'copyFiles'> {
  const has = (set: PackageSet) => sets.includes(set);
  const faceSearch = has('face-search');
  return {
    install: [...(has('image') ? IMAGE_PACKAGES : []), ...(has('face-model') || (has('analyzer-model') && !usesRekognition) ? LOCAL_FACE_MODEL_PACKAGES : [])],
    shipped: faceSearch ? FACE_SEARCH_PACKAGES : [],
    copyFiles: faceSearch ? faceSearchCopies(npmCpu(FUNCTION_ARCHITECTURE)) : [],
  };
}

const NO_PACKAGES = { install: [], shipped: [], copyFiles: [] };

/** A job kind's function, from its row of the job-wiring table. */
export function jobFunctionSpec(row: JobWiring, context: SpecContext): FunctionSpec {
  const { settings } = context;
  const usesRekognition = settings.faceAnalyzer === 'rekognition';
  const packages = packagesOf(row.packages, usesRekognition);
  const reads = row.reads ?? [];
  const faces = faceEnvironment(context);
  return {
    component: row.component,
    name: row.name,
    description: row.description,
    memoryMb: typeof row.memoryMb === 'number' ? row.memoryMb : row.memoryMb[usesRekognition ? 'rekognition' : 'local'],
    timeoutSeconds: row.timeoutSeconds,
    ...packages,
    copyFiles: [...(row.files ?? []).map((folder) => ({ from: folder, to: folder })), ...packages.copyFiles],
    // Every job reads and writes the table and tells its owner's open pages how it is going.
    links: [...(Object.keys(row.buckets) as BucketLink[]), 'Table', 'Realtime'],
    secrets: [...(reads.includes('clerk-secret-key') ? ['CLERK_SECRET_KEY' as const] : []), ...(reads.includes('webhook-secret-key') ? ['WEBHOOK_SECRET_KEY' as const] : [])],
    ...(reads.includes('cdn-distribution') ? { distribution: true as const } : {}),
    environment: {
      ...(reads.includes('face-analyzer') ? { FACE_ANALYZER: faces.FACE_ANALYZER } : {}),
      ...(reads.includes('face-collections') ? { FACE_COLLECTION_PREFIX: faces.FACE_COLLECTION_PREFIX } : {}),
      ...observability(row.name),
    },
  };
}

/** The functions that run no job kind: the site's face model, the dead-letter drain, the live authorizer, the sweep. */
export function serviceFunctionSpecs() {
  return {
    describeFaces: {
      component: 'DescribeFaces',
      name: 'describe-faces',
      description: 'Runs the built-in face model on a query photo for the site',
      memoryMb: DESCRIBE_FACES_WORKLOAD.memoryMb,
      timeoutSeconds: DESCRIBE_FACES_TIMEOUT_SECONDS,
      ...packagesOf(['image', 'face-model'], false),
      environment: observability('describe-faces'),
      links: [],
      secrets: [],
    },
    storeDeadLetter: {
      component: 'StoreDeadLetter',
      name: 'store-dead-letter',
      description: "Turns every message in the job dead-letter queues into its owner's dead letter",
      memoryMb: 256,
      timeoutSeconds: STORE_DEAD_LETTER_TIMEOUT_SECONDS,
      ...NO_PACKAGES,
      environment: observability('store-dead-letter'),
      // A dead letter's job kind is told from its trigger's bucket and key; a photo given up on sends image.failed (infra/functions.ts grants the write).
      links: ['Uploads', 'Media', 'Table', 'Realtime'],
      secrets: [],
    },
    liveAuthorizer: {
      component: 'LiveAuthorizer',
      name: 'live-authorizer',
      description: "Lets a browser's live-updates connection subscribe to its owner's topic, and nothing else",
      memoryMb: 256,
      timeoutSeconds: LIVE_AUTHORIZER_TIMEOUT_SECONDS,
      ...NO_PACKAGES,
      environment: observability('live-authorizer'),
      // Two items of the table, read with GetItem only (infra/realtime.ts).
      links: ['Table'],
      // The key its tokens are checked with, derived from the sign-in secret, which it does not get.
      secrets: ['LIVE_TOKEN_KEY'],
    },
    sweep: {
      component: 'Sweep',
      name: 'sweep',
      description: 'Moves every job that should have moved and did not: lost events, dead runs, uploads that never came',
      memoryMb: 256,
      timeoutSeconds: SWEEP_TIMEOUT_SECONDS,
      ...NO_PACKAGES,
      environment: observability('sweep'),
      links: ['Uploads', 'Media', 'Table', 'Realtime'],
      secrets: [],
    },
  } satisfies Record<string, FunctionSpec>;
}

/** Every function: one per row of the job-wiring table, then the others. */
export function functionSpecs(settings: SpecContext['settings'], app?: SpecContext['app'], wiring: readonly JobWiring[] = JOB_WIRING): FunctionSpec[] {
  const context = { settings, app };
  return [...wiring.map((row) => jobFunctionSpec(row, context)), ...Object.values(serviceFunctionSpecs())];
}
