import { READ, READ_DELETE, READ_WRITE, READ_WRITE_MULTIPART, WRITE, bucketLink, realtimeLink, tableLink } from './access';
import { table } from './database';
import { faceCollectionPrefix, FUNCTION_ARCHITECTURE, FUNCTION_RUNTIME, functionSpecs, handlerOf, type FunctionSpec } from './function-specs';
import { ANALYZE_PROFILE_MAX_CONCURRENCY, BATCH_SIZE, INDEX_FACES_MAX_CONCURRENCY, PROCESS_IMAGE_BATCH_SIZE, SWEEP_SCHEDULE } from './limits';
import { functionAlarms } from './monitoring';
import { analyzeProfileEvents, deleteAccountEvents, exportAccountEvents, indexFacesEvents, jobDeadLetterQueues, processImageEvents } from './queues';
import { realtime } from './realtime';
import { readInfraSettings } from './settings';
import { media, uploads } from './storage';

const settings = readInfraSettings(process.env);
const specs = functionSpecs(settings, { name: $app.name, stage: $app.stage });

/** What a queue consumer needs from its own queues, and from no other. */
function consume(...queues: sst.aws.Queue[]) {
  return {
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    resources: queues.map((queue) => queue.arn),
  };
}

/** Every job tells its owner's open pages how it is going (lib/jobs/publish-job-state.ts). */
const live = realtimeLink(realtime);

/** A function from its spec (build and sizing), with its links and permissions, and alarms on its errors and throttles. */
function jobFunction(spec: FunctionSpec, access: Pick<sst.aws.FunctionArgs, 'link' | 'permissions'>): sst.aws.Function {
  const fn = new sst.aws.Function(spec.component, {
    description: spec.description,
    handler: handlerOf(spec),
    runtime: FUNCTION_RUNTIME,
    architecture: FUNCTION_ARCHITECTURE,
    memory: `${spec.memoryMb} MB`,
    timeout: `${spec.timeoutSeconds} seconds`,
    nodejs: { install: spec.install, esbuild: { external: spec.shipped } },
    copyFiles: spec.copyFiles,
    environment: spec.environment,
    logging: { retention: '1 month' },
    ...access,
  });
  functionAlarms(spec.component, fn.name);
  return fn;
}

export const processImage = jobFunction(specs.processImage, {
  link: [bucketLink(uploads, READ_DELETE), bucketLink(media, WRITE), tableLink(table), live],
  permissions: [consume(processImageEvents.queue)],
});

const usesRekognition = settings.faceAnalyzer === 'rekognition';

export const analyzeProfile = jobFunction(specs.analyzeProfile, {
  link: [bucketLink(media, READ_WRITE), tableLink(table), live],
  permissions: [
    consume(analyzeProfileEvents.queue),
    // DetectFaces has no resource-level permissions, hence "*"; it is the only Rekognition action granted.
    ...(usesRekognition ? [{ actions: ['rekognition:DetectFaces'], resources: ['*'] }] : []),
  ],
});

/*
 * One Rekognition collection per user, named from the app and stage (infra/function-specs.ts
 * faceCollectionPrefix): every grant is scoped to this stage's collections, and a search names the
 * signed-in user's own, so it cannot reach another user's faces.
 */
export const faceCollections = $interpolate`arn:aws:rekognition:*:*:collection/${faceCollectionPrefix({ name: $app.name, stage: $app.stage })}*`;

export const indexFaces = jobFunction(specs.indexFaces, {
  link: [bucketLink(media, READ_WRITE), tableLink(table), live],
  permissions: [
    consume(indexFacesEvents.queue),
    ...(usesRekognition
      ? [{ actions: ['rekognition:CreateCollection', 'rekognition:IndexFaces', 'rekognition:SearchFaces', 'rekognition:DeleteFaces'], resources: [faceCollections] }]
      : []),
  ],
});

/*
 * Account deletion removes everything of a user: objects in both buckets, their items, their
 * Rekognition collection. Its grants are the widest of any function, so it does nothing else.
 */
export const deleteAccount = jobFunction(specs.deleteAccount, {
  link: [bucketLink(uploads, READ_DELETE), bucketLink(media, READ_DELETE), tableLink(table), live],
  permissions: [consume(deleteAccountEvents.queue), ...(usesRekognition ? [{ actions: ['rekognition:DeleteCollection'], resources: [faceCollections] }] : [])],
});

/* An export reads a user's originals and items, and writes one archive to the media bucket. */
export const exportAccount = jobFunction(specs.exportAccount, {
  link: [bucketLink(uploads, READ), bucketLink(media, READ_WRITE_MULTIPART), tableLink(table), live],
  permissions: [consume(exportAccountEvents.queue)],
});

/* The built-in model for the site's searches by photo; the site invokes it. Rekognition needs no such function. */
export const describeFaces = usesRekognition ? undefined : jobFunction(specs.describeFaces, {});

/* Every job queue's dead-letter queue has this one consumer: what fails every attempt becomes its owner's dead letter. */
export const storeDeadLetter = jobFunction(specs.storeDeadLetter, {
  link: [tableLink(table), live],
  permissions: [consume(...jobDeadLetterQueues)],
});

/*
 * The sweep reads the table's overdue jobs, looks for their trigger objects, announces them again
 * (a copy onto themselves) and removes what a job that never started left behind.
 */
export const sweep = jobFunction(specs.sweep, {
  link: [bucketLink(uploads, READ_WRITE), bucketLink(media, READ_WRITE), tableLink(table), live],
});

export const sweepSchedule = new sst.aws.Cron('SweepSchedule', { schedule: SWEEP_SCHEDULE, function: sweep.arn });

/* Partial batch responses: the handlers report failed records, so only those come back. */
processImageEvents.queue.subscribe(processImage.arn, { batch: { size: PROCESS_IMAGE_BATCH_SIZE, partialResponses: true } });

/* Functions that call a rate-limited API (Rekognition) take at most this many batches at once, so a burst queues instead of throttling. */
function subscribeWithin(queue: sst.aws.Queue, fn: sst.aws.Function, maximumConcurrency: number) {
  queue.subscribe(fn.arn, {
    batch: { size: BATCH_SIZE, partialResponses: true },
    transform: {
      eventSourceMapping: (args) => {
        args.scalingConfig = { maximumConcurrency };
      },
    },
  });
}

subscribeWithin(analyzeProfileEvents.queue, analyzeProfile, ANALYZE_PROFILE_MAX_CONCURRENCY);
subscribeWithin(indexFacesEvents.queue, indexFaces, INDEX_FACES_MAX_CONCURRENCY);
/* One account or export per invocation: each may take minutes. */
deleteAccountEvents.queue.subscribe(deleteAccount.arn, { batch: { size: 1, partialResponses: true } });
exportAccountEvents.queue.subscribe(exportAccount.arn, { batch: { size: 1, partialResponses: true } });

for (const deadLetters of jobDeadLetterQueues) {
  deadLetters.subscribe(storeDeadLetter.arn, { batch: { size: BATCH_SIZE, partialResponses: true } });
}
