import { READ_DELETE, READ_WRITE, WRITE, bucketLink, tableLink } from './access';
import { table } from './database';
import { FUNCTION_ARCHITECTURE, FUNCTION_RUNTIME, functionSpecs, handlerOf, type FunctionSpec } from './function-specs';
import { ANALYZE_PROFILE_MAX_CONCURRENCY, BATCH_SIZE } from './limits';
import { analyzeProfileEvents, processImageEvents } from './queues';
import { readInfraSettings } from './settings';
import { media, uploads } from './storage';

const settings = readInfraSettings(process.env);
const specs = functionSpecs(settings);

/** What a queue consumer needs from its own queue, and from no other. */
function consume(queue: sst.aws.Queue) {
  return {
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    resources: [queue.arn],
  };
}

/** The build and sizing half of a function, from its spec; links and permissions are added per function. */
function fromSpec(spec: FunctionSpec) {
  return {
    description: spec.description,
    handler: handlerOf(spec),
    runtime: FUNCTION_RUNTIME,
    architecture: FUNCTION_ARCHITECTURE,
    memory: `${spec.memoryMb} MB`,
    timeout: `${spec.timeoutSeconds} seconds`,
    nodejs: { install: spec.install },
    copyFiles: spec.copyFiles,
    environment: spec.environment,
    logging: { retention: '1 month' },
  } as const;
}

export const processImage = new sst.aws.Function(specs.processImage.component, {
  ...fromSpec(specs.processImage),
  link: [bucketLink(uploads, READ_DELETE), bucketLink(media, WRITE), tableLink(table)],
  permissions: [consume(processImageEvents.queue)],
});

const usesRekognition = settings.faceAnalyzer === 'rekognition';

export const analyzeProfile = new sst.aws.Function(specs.analyzeProfile.component, {
  ...fromSpec(specs.analyzeProfile),
  link: [bucketLink(media, READ_WRITE), tableLink(table)],
  permissions: [
    consume(analyzeProfileEvents.queue),
    // DetectFaces has no resource-level permissions, hence "*"; it is the only Rekognition action granted.
    ...(usesRekognition ? [{ actions: ['rekognition:DetectFaces'], resources: ['*'] }] : []),
  ],
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
