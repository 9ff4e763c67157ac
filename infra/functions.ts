import { ANALYZE_LOCAL_WORKLOAD, ANALYZE_REKOGNITION_WORKLOAD, PROCESS_IMAGE_WORKLOAD } from '../lib/cost/workload';
import { READ_DELETE, READ_WRITE, WRITE, bucketLink, tableLink } from './access';
import { table } from './database';
import { ANALYZE_PROFILE_MAX_CONCURRENCY, ANALYZE_PROFILE_TIMEOUT_SECONDS, BATCH_SIZE, PROCESS_IMAGE_TIMEOUT_SECONDS } from './limits';
import { analyzeProfileEvents, processImageEvents } from './queues';
import { readInfraSettings } from './settings';
import { media, uploads } from './storage';

const settings = readInfraSettings(process.env);

/*
 * Both functions run on arm64: Lambda bills it about 20% less per GB-second, and sharp and
 * TensorFlow.js's WASM backend both ship arm64 Linux builds.
 */
const RUNTIME = 'nodejs22.x';
const ARCHITECTURE = 'arm64';
const METRICS_NAMESPACE = 'Headshot';

/** sharp has a native binary per platform, so it is installed for Lambda's, not bundled from this machine's. */
export const IMAGE_PACKAGES = ['sharp'];
/** The built-in face model loads its weights and WASM files from node_modules at run time, so they ship installed. */
export const LOCAL_FACE_MODEL_PACKAGES = ['@vladmandic/human', '@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-wasm'];
/** The watermark font; Lambda has no system fonts. Lands at /var/task/assets/fonts. */
export const FONT_DIRECTORY = 'assets/fonts';

/** What a queue consumer needs from its own queue, and from no other. */
function consume(queue: sst.aws.Queue) {
  return {
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    resources: [queue.arn],
  };
}

const size = (memoryMb: number) => `${memoryMb} MB` as const;
const seconds = (value: number) => `${value} seconds` as const;

export const processImage = new sst.aws.Function('ProcessImage', {
  description: 'Validates an upload, writes its resized and watermarked variants',
  handler: 'functions/process-image.handler',
  runtime: RUNTIME,
  architecture: ARCHITECTURE,
  memory: size(PROCESS_IMAGE_WORKLOAD.memoryMb),
  timeout: seconds(PROCESS_IMAGE_TIMEOUT_SECONDS),
  link: [bucketLink(uploads, READ_DELETE), bucketLink(media, WRITE), tableLink(table)],
  permissions: [consume(processImageEvents.queue)],
  nodejs: { install: IMAGE_PACKAGES },
  copyFiles: [{ from: FONT_DIRECTORY, to: FONT_DIRECTORY }],
  environment: { POWERTOOLS_SERVICE_NAME: 'process-image', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE },
  logging: { retention: '1 month' },
});

const usesRekognition = settings.faceAnalyzer === 'rekognition';
const analyzeWorkload = usesRekognition ? ANALYZE_REKOGNITION_WORKLOAD : ANALYZE_LOCAL_WORKLOAD;

export const analyzeProfile = new sst.aws.Function('AnalyzeProfile', {
  description: 'Scores a photo as a profile picture',
  handler: 'functions/analyze-profile.handler',
  runtime: RUNTIME,
  architecture: ARCHITECTURE,
  memory: size(analyzeWorkload.memoryMb),
  timeout: seconds(ANALYZE_PROFILE_TIMEOUT_SECONDS),
  link: [bucketLink(media, READ_WRITE), tableLink(table)],
  permissions: [
    consume(analyzeProfileEvents.queue),
    // DetectFaces has no resource-level permissions, hence "*"; it is the only Rekognition action granted.
    ...(usesRekognition ? [{ actions: ['rekognition:DetectFaces'], resources: ['*'] }] : []),
  ],
  nodejs: { install: usesRekognition ? IMAGE_PACKAGES : [...IMAGE_PACKAGES, ...LOCAL_FACE_MODEL_PACKAGES] },
  environment: {
    FACE_ANALYZER: settings.faceAnalyzer,
    POWERTOOLS_SERVICE_NAME: 'analyze-profile',
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  },
  logging: { retention: '1 month' },
});

/* Partial batch responses: the handlers report failed records, so only those come back. */
processImageEvents.queue.subscribe(processImage.arn, { batch: { size: BATCH_SIZE, partialResponses: true } });

analyzeProfileEvents.queue.subscribe(analyzeProfile.arn, {
  batch: { size: BATCH_SIZE, partialResponses: true },
  transform: {
    eventSourceMapping: (args) => {
      args.scalingConfig = { maximumConcurrency: ANALYZE_PROFILE_MAX_CONCURRENCY };
    },
  },
});
