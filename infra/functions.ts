import type { JobWiring } from '../lib/jobs/wiring';
import { bucketLink, realtimeLink, tableLink } from './access';
import { table } from './database';
import { faceCollectionsArn, FUNCTION_ARCHITECTURE, FUNCTION_RUNTIME, handlerOf, jobFunctionSpec, serviceFunctionSpecs, type FunctionSpec } from './function-specs';
import { DEAD_LETTER_BATCH_SIZE, SWEEP_SCHEDULE } from './limits';
import { functionAlarms } from './monitoring';
import { jobQueues } from './queues';
import { realtime } from './realtime';
import { secrets } from './secrets';
import { readInfraSettings } from './settings';
import { buckets, media, uploads } from './storage';

const settings = readInfraSettings(process.env);
const context = { settings, app: { name: $app.name, stage: $app.stage } };
const services = serviceFunctionSpecs();
const usesRekognition = settings.faceAnalyzer === 'rekognition';

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
function lambda(spec: FunctionSpec, access: Pick<sst.aws.FunctionArgs, 'link' | 'permissions'>, secretEnvironment: Record<string, $util.Input<string>> = {}): sst.aws.Function {
  const fn = new sst.aws.Function(spec.component, {
    description: spec.description,
    handler: handlerOf(spec),
    runtime: FUNCTION_RUNTIME,
    architecture: FUNCTION_ARCHITECTURE,
    memory: `${spec.memoryMb} MB`,
    timeout: `${spec.timeoutSeconds} seconds`,
    nodejs: { install: spec.install, esbuild: { external: spec.shipped } },
    copyFiles: spec.copyFiles,
    environment: { ...spec.environment, ...secretEnvironment },
    logging: { retention: '1 month' },
    ...access,
  });
  functionAlarms(spec.component, fn.name);
  return fn;
}

/*
 * One Rekognition collection per user, named from the app and stage (infra/function-specs.ts
 * faceCollectionPrefix): every grant is scoped to this stage's collections in this account and
 * region, and a search names the signed-in user's own, so it cannot reach another user's faces.
 */
export const faceCollections = $resolve({ partition: aws.getPartitionOutput().partition, region: aws.getRegionOutput().region, account: aws.getCallerIdentityOutput().accountId }).apply(
  (location) => faceCollectionsArn(location, context.app),
);

/** The Rekognition actions a kind calls, when Rekognition is what analyses faces. */
function rekognitionGrants(row: JobWiring) {
  if (!row.rekognition || !usesRekognition) return [];
  return [{ actions: [...row.rekognition.actions], resources: [row.rekognition.on === 'collections' ? faceCollections : '*'] }];
}

/** The secrets a row says it reads, as the variables lib/config parses; they stay SST secrets, out of the plain specs. */
function secretsRead(row: JobWiring): Record<string, $util.Input<string>> {
  return row.reads?.includes('clerk-secret-key') ? { CLERK_SECRET_KEY: secrets.ClerkSecretKey.value } : {};
}

/*
 * A function per row of the job-wiring table, subscribed to its queue with partial batch responses
 * (the handlers report failed records, so only those come back), at most `maxConcurrency` batches at
 * once where the row caps it.
 */
export const jobFunctions = jobQueues.map(({ row, queue }) => {
  const fn = lambda(jobFunctionSpec(row, context), {
    link: [...Object.entries(row.buckets).map(([name, access]) => bucketLink(buckets[name as keyof typeof buckets], access)), tableLink(table), live],
    permissions: [consume(queue), ...rekognitionGrants(row)],
  }, secretsRead(row));
  const { maxConcurrency } = row;
  queue.subscribe(fn.arn, {
    batch: { size: row.batchSize, partialResponses: true },
    ...(maxConcurrency ? { transform: { eventSourceMapping: (args) => void (args.scalingConfig = { maximumConcurrency: maxConcurrency }) } } : {}),
  });
  return { row, fn };
});

/* The built-in model for the site's searches by photo; the site invokes it. Rekognition needs no such function. */
export const describeFaces = usesRekognition ? undefined : lambda(services.describeFaces, {});

/* Every job queue's dead-letter queue has this one consumer: what fails every attempt becomes its owner's dead letter. */
export const storeDeadLetter = lambda(services.storeDeadLetter, {
  link: [tableLink(table), live],
  permissions: [consume(...jobQueues.map(({ deadLetters }) => deadLetters))],
});
for (const { deadLetters } of jobQueues) {
  deadLetters.subscribe(storeDeadLetter.arn, { batch: { size: DEAD_LETTER_BATCH_SIZE, partialResponses: true } });
}

/*
 * The sweep reads the table's overdue jobs, looks for their trigger objects, announces them again
 * (a copy onto themselves) and removes what a job that never started left behind.
 */
export const sweep = lambda(services.sweep, {
  link: [bucketLink(uploads, 'read-write'), bucketLink(media, 'read-write'), tableLink(table), live],
});

export const sweepSchedule = new sst.aws.Cron('SweepSchedule', { schedule: SWEEP_SCHEDULE, function: sweep.arn });
