import {
  ANALYZE_LOCAL_WORKLOAD,
  ANALYZE_REKOGNITION_WORKLOAD,
  INDEX_FACES_LOCAL_WORKLOAD,
  INDEX_FACES_REKOGNITION_WORKLOAD,
  LINKEDIN_READY_WORKLOAD,
  PROCESS_IMAGE_WORKLOAD,
} from '../cost/workload';
import { ACCOUNT_DELETION_PREFIX, ANALYSIS_PREFIX, EXPORT_REQUEST_PREFIX, FACE_INDEX_PREFIX, ORIGINALS_PREFIX, READY_REQUEST_PREFIX, WATERMARK_REQUEST_PREFIX, WEBHOOK_REQUEST_PREFIX, CDN_INVALIDATION_PREFIX } from '../storage/keys';

/*
 * The job-wiring table: one row per kind of background job, as plain data. infra/ (queues,
 * dead-letter queues, functions, subscriptions, alarms, outputs), local/ (the bridge's routes, the
 * functions it runs) and deploy:check (the bundles it builds) loop over it, so a new kind is its
 * work, its JobKind (lib/jobs/kinds.ts), a one-line handler in functions/ and a row here.
 */

/** A bucket, by the name it is linked under (`Resource.Uploads`, `Resource.Media`). */
export type BucketLink = 'Uploads' | 'Media';

/** What a function may do with a bucket's objects; infra/access.ts turns each into IAM actions. */
export type ObjectAccess = 'read' | 'read-delete' | 'write' | 'read-write' | 'read-write-multipart';

/**
 * Packages installed or shipped for Lambda's platform instead of bundled (infra/function-specs.ts):
 * `image` is sharp; `face-model` the built-in face model; `analyzer-model` the same model where it is
 * the deployed face analyzer, dropped where Rekognition does that work; `face-search` USearch, copied
 * in as published.
 */
export type PackageSet = 'image' | 'face-model' | 'analyzer-model' | 'face-search';

/** Memory for a function whose work depends on who analyses faces: Rekognition, or the built-in model in the function itself. */
export type MemoryMb = number | { rekognition: number; local: number };

export interface JobWiring {
  /** The job kind's name: its function is functions/<name>.ts, the local cloud runs it by this name. */
  name: string;
  /** SST's name for its function; its queues are <component>Queue and <component>DeadLetters. */
  component: string;
  description: string;
  /** What a job is about; a deleted image takes its jobs of every `image` kind with it. */
  subject: 'image' | 'account' | 'export' | 'webhook-delivery' | 'cdn-invalidation';
  /** Writing an object under this prefix of this bucket starts a job. */
  trigger: { bucket: BucketLink; prefix: string };
  memoryMb: MemoryMb;
  /** Covers a whole batch, cold start included: a handler works through its batch one object at a time. */
  timeoutSeconds: number;
  /** Records per invocation. */
  batchSize: number;
  /** Batches at once, for work that calls a rate-limited API; unset: as many as Lambda scales to. */
  maxConcurrency?: number;
  /** What it may do with each bucket; every job also reads and writes the table and publishes live updates. */
  buckets: Partial<Record<BucketLink, ObjectAccess>>;
  packages: readonly PackageSet[];
  /** Folders copied into the bundle as they are. */
  files?: readonly string[];
  /** Rekognition actions it calls, granted only when Rekognition analyses faces: on this stage's collections, or on any resource for actions with no resource-level permissions. */
  rekognition?: { actions: readonly string[]; on: 'collections' | 'any' };
  /**
   * Environment it reads: which face analyzer is deployed, the prefix of this stage's face collections,
   * Clerk's secret key (CLERK_SECRET_KEY) where Clerk signs users in, and the key webhook signing
   * secrets are encrypted with (WEBHOOK_SECRET_KEY, derived from the sign-in secret, which it does not get),
   * and the site's CloudFront distribution (CDN_DISTRIBUTION_ID), with cloudfront:CreateInvalidation on it alone.
   */
  reads?: readonly ('face-analyzer' | 'face-collections' | 'clerk-secret-key' | 'webhook-secret-key' | 'cdn-distribution')[];
}

/** Records per invocation for quick jobs (an analysis, a face index): enough to amortise cold starts. */
const QUICK_BATCH = 5;

/*
 * Concurrent batches of work that calls Rekognition once or more per photo: this cap keeps a burst of
 * uploads under the account's per-second quotas (DetectFaces, IndexFaces, SearchFaces) instead of
 * into throttling.
 */
const REKOGNITION_CONCURRENCY = 5;

export const JOB_WIRING = [
  {
    name: 'process-image',
    component: 'ProcessImage',
    description: 'Validates an upload, writes its resized and watermarked variants',
    subject: 'image',
    // ObjectCreated:* includes Copy, which is how `npm run redrive` announces an original again.
    trigger: { bucket: 'Uploads', prefix: ORIGINALS_PREFIX },
    memoryMb: PROCESS_IMAGE_WORKLOAD.memoryMb,
    timeoutSeconds: 60,
    // One upload per invocation: each image's steps are bounded, so one image always ends inside the timeout with an answer, which a batch of five slow ones would not.
    batchSize: 1,
    buckets: { Uploads: 'read-delete', Media: 'write' },
    packages: ['image'],
    // The watermark font; Lambda has no system fonts. Lands at /var/task/assets/fonts.
    files: ['assets/fonts'],
  },
  {
    name: 'analyze-profile',
    component: 'AnalyzeProfile',
    description: 'Scores a photo as a profile picture',
    subject: 'image',
    trigger: { bucket: 'Media', prefix: ANALYSIS_PREFIX },
    memoryMb: { rekognition: ANALYZE_REKOGNITION_WORKLOAD.memoryMb, local: ANALYZE_LOCAL_WORKLOAD.memoryMb },
    timeoutSeconds: 60,
    batchSize: QUICK_BATCH,
    maxConcurrency: REKOGNITION_CONCURRENCY,
    buckets: { Media: 'read-write' },
    packages: ['image', 'analyzer-model'],
    // DetectFaces has no resource-level permissions.
    rekognition: { actions: ['rekognition:DetectFaces'], on: 'any' },
    reads: ['face-analyzer'],
  },
  {
    name: 'index-faces',
    component: 'IndexFaces',
    description: 'Finds, describes and groups the faces of a ready photo',
    subject: 'image',
    trigger: { bucket: 'Media', prefix: FACE_INDEX_PREFIX },
    memoryMb: { rekognition: INDEX_FACES_REKOGNITION_WORKLOAD.memoryMb, local: INDEX_FACES_LOCAL_WORKLOAD.memoryMb },
    // A batch of five photos, each detection, descriptors, thumbnails and grouping's searches.
    timeoutSeconds: 120,
    batchSize: QUICK_BATCH,
    maxConcurrency: REKOGNITION_CONCURRENCY,
    buckets: { Media: 'read-write' },
    packages: ['image', 'analyzer-model', 'face-search'],
    // ListFaces and DeleteCollection: discarding a run whose photo or account is gone (lib/people/discard-face-index.ts).
    rekognition: {
      actions: ['rekognition:CreateCollection', 'rekognition:IndexFaces', 'rekognition:SearchFaces', 'rekognition:DeleteFaces', 'rekognition:ListFaces', 'rekognition:DeleteCollection'],
      on: 'collections',
    },
    reads: ['face-analyzer', 'face-collections'],
  },
  {
    name: 'delete-account',
    component: 'DeleteAccount',
    description: 'Deletes an account and everything of it: objects, items, faces, links',
    subject: 'account',
    trigger: { bucket: 'Media', prefix: ACCOUNT_DELETION_PREFIX },
    memoryMb: 512,
    // A whole account: every object and item of a large library goes in one run (an interrupted one starts over, finding less).
    timeoutSeconds: 900,
    // One account per invocation: each may take minutes.
    batchSize: 1,
    // Its grants are the widest of any function, so it does nothing else. It writes one kind of object: the account.deleted webhook requests (lib/webhooks/account-deleted-event.ts).
    buckets: { Uploads: 'read-delete', Media: 'read-write' },
    // Its recognizer forgets the user's faces; the module that holds it also compares descriptors.
    packages: ['face-search'],
    rekognition: { actions: ['rekognition:DeleteCollection'], on: 'collections' },
    // The Clerk user goes with the account (lib/account/delete-clerk-user.ts).
    reads: ['face-analyzer', 'face-collections', 'clerk-secret-key'],
  },
  {
    name: 'export-account',
    component: 'ExportAccount',
    description: 'Streams one ZIP archive of everything a user has to the media bucket',
    subject: 'export',
    trigger: { bucket: 'Media', prefix: EXPORT_REQUEST_PREFIX },
    memoryMb: 1024,
    // A whole library read and zipped in one run: 15 minutes is Lambda's limit and streams several GB.
    timeoutSeconds: 900,
    batchSize: 1,
    // Reads originals, writes one archive as a multipart upload (aborted if the stream fails).
    buckets: { Uploads: 'read', Media: 'read-write-multipart' },
    packages: [],
  },
  {
    name: 'make-linkedin-ready',
    component: 'MakeLinkedInReady',
    description: 'Makes the LinkedIn-ready version of a photo (reframed, relit, its background as asked) and scores it again',
    subject: 'image',
    trigger: { bucket: 'Media', prefix: READY_REQUEST_PREFIX },
    memoryMb: LINKEDIN_READY_WORKLOAD.memoryMb,
    // One photo of up to 50 MP: decode, two passes of the face model, segmentation, two checks.
    timeoutSeconds: 60,
    // One photo per invocation: each is seconds of work, and a batch of slow ones would near the timeout.
    batchSize: 1,
    // Each run asks Rekognition twice (the check before and after), where it is the deployed analyzer.
    maxConcurrency: REKOGNITION_CONCURRENCY,
    // The original for the most pixels; the result beside the image's variants.
    buckets: { Uploads: 'read', Media: 'read-write' },
    // Rekognition has no segmentation: the built-in model frames and cuts out the person in both modes.
    packages: ['image', 'face-model'],
    // The person-segmentation model (assets/models/selfie/README.md).
    files: ['assets/models'],
    rekognition: { actions: ['rekognition:DetectFaces'], on: 'any' },
    reads: ['face-analyzer'],
  },
  {
    name: 'rerender-watermarks',
    component: 'RerenderWatermarks',
    description: "Applies the owner's watermark settings to the shared copies of the photos they already have",
    subject: 'account',
    trigger: { bucket: 'Media', prefix: WATERMARK_REQUEST_PREFIX },
    // One photo at a time through sharp's CPU-bound decode, watermark and encodes: 1769 MB is one full vCPU, as for process-image.
    memoryMb: 1769,
    // A run works through photos for all but the last minute of this, then hands over to a follow-up run, however large the library (lib/images/rerender-watermarks.ts).
    timeoutSeconds: 300,
    // One user's library per invocation.
    batchSize: 1,
    // Reads a photo's clean copies, writes its watermarked ones (and its links' card images) beside them.
    buckets: { Media: 'read-write' },
    packages: ['image'],
    // The watermark font, as for process-image.
    files: ['assets/fonts'],
  },
  {
    name: 'deliver-webhook',
    component: 'DeliverWebhook',
    description: "Sends one signed event to one of a user's webhook endpoints (lib/webhooks)",
    subject: 'webhook-delivery',
    trigger: { bucket: 'Media', prefix: WEBHOOK_REQUEST_PREFIX },
    // One HTTPS request and a few items; 256 MB, as the other functions that do no image work.
    memoryMb: 256,
    // A batch of five attempts of at most 5 s each (lib/webhooks/limits.ts), one after another, and a cold start.
    timeoutSeconds: 40,
    batchSize: QUICK_BATCH,
    // Reads its request; removes it once delivered (a finished delivery is forgotten).
    buckets: { Media: 'read-delete' },
    packages: [],
    reads: ['webhook-secret-key'],
  },
  {
    name: 'invalidate-cdn',
    component: 'InvalidateCdn',
    description: "Removes the files of ended share links from the site's CloudFront cache (lib/cdn)",
    subject: 'cdn-invalidation',
    trigger: { bucket: 'Media', prefix: CDN_INVALIDATION_PREFIX },
    // One CloudFront call and a few items, as deliver-webhook.
    memoryMb: 256,
    // A batch of five calls, each retried by the SDK when throttled, and a cold start.
    timeoutSeconds: 40,
    batchSize: QUICK_BATCH,
    // CloudFront's API takes few calls a second per account: two batches at once stay under it rather than into throttling.
    maxConcurrency: 2,
    // Reads its request; removes it once done (a finished invalidation is forgotten).
    buckets: { Media: 'read-delete' },
    packages: [],
    reads: ['cdn-distribution'],
  },
] as const satisfies readonly JobWiring[];

export type JobName = (typeof JOB_WIRING)[number]['name'];

/** A kind's row; a name that no row has is a programming error. */
export function wiringOf(name: string): JobWiring {
  const row = JOB_WIRING.find((candidate) => candidate.name === name);
  if (!row) throw new Error(`No job kind named ${name} in the job-wiring table`);
  return row;
}
