import type { BucketLink, JobWiring, ObjectAccess } from '../lib/jobs/wiring';
import { bucketLink, bucketNameLink, realtimeLink, tableLink } from './access';
import { table } from './database';
import { faceCollectionsArn, FUNCTION_ARCHITECTURE, FUNCTION_RUNTIME, handlerOf, jobFunctionSpec, serviceFunctionSpecs, type FunctionSpec } from './function-specs';
import { readLockedVersions } from './locked-versions';
import { DEAD_LETTER_BATCH_SIZE, SWEEP_SCHEDULE } from './limits';
import { functionAlarms } from './monitoring';
import { jobQueues } from './queues';
import { realtime } from './realtime';
import { secretEnvironment } from './secrets';
import { readInfraSettings } from './settings';
import { siteDistribution } from './site-distribution';
import { buckets } from './storage';

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

/** What a function may do with a bucket it links: an object access, or only know its name. */
type BucketAccess = Partial<Record<BucketLink, ObjectAccess | 'name'>>;

/** The SST links of a spec's link names, each bucket with the access given for it. */
function linksOf(spec: FunctionSpec, bucketAccess: BucketAccess) {
  return spec.links.map((name) => {
    if (name === 'Table') return tableLink(table);
    if (name === 'Realtime') return live;
    const access = bucketAccess[name];
    if (!access) throw new Error(`${spec.name} links ${name} but no access to it is given`);
    return access === 'name' ? bucketNameLink(buckets[name]) : bucketLink(buckets[name], access);
  });
}

/** A function from its spec (build, sizing, links, secrets), with its permissions, and alarms on its errors and throttles. */
function lambda(
  spec: FunctionSpec,
  access: { bucketAccess?: BucketAccess; permissions?: sst.aws.FunctionArgs['permissions']; environment?: Record<string, $util.Input<string>> } = {},
): sst.aws.Function {
  const fn = new sst.aws.Function(spec.component, {
    description: spec.description,
    handler: handlerOf(spec),
    runtime: FUNCTION_RUNTIME,
    architecture: FUNCTION_ARCHITECTURE,
    memory: `${spec.memoryMb} MB`,
    timeout: `${spec.timeoutSeconds} seconds`,
    nodejs: { install: readLockedVersions($cli.paths.root, spec.install), esbuild: { external: spec.shipped } },
    copyFiles: spec.copyFiles,
    environment: { ...spec.environment, ...secretEnvironment(spec), ...access.environment },
    logging: { retention: '1 month' },
    link: linksOf(spec, access.bucketAccess ?? {}),
    permissions: access.permissions ?? [],
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

/**
 * The site's distribution, for a function whose spec is told it (a row that reads `cdn-distribution`):
 * its id, and CreateInvalidation on it and on no other. Under `sst dev` there is none, and no grant;
 * the function then has nothing to invalidate.
 */
function cdnAccess(spec: FunctionSpec): { environment: Record<string, $util.Input<string>>; permissions: { actions: string[]; resources: $util.Input<string>[] }[] } {
  if (!spec.distribution) return { environment: {}, permissions: [] };
  const environment = { CDN_DISTRIBUTION_ID: siteDistribution.apply((distribution) => distribution?.id ?? '') };
  if ($dev) return { environment, permissions: [] };
  const arn = siteDistribution.apply((distribution) => {
    if (!distribution) throw new Error(`${spec.name} invalidates the site's distribution, and the site has none`);
    return distribution.arn;
  });
  return { environment, permissions: [{ actions: ['cloudfront:CreateInvalidation'], resources: [arn] }] };
}

/*
 * A function per row of the job-wiring table, subscribed to its queue with partial batch responses
 * (the handlers report failed records, so only those come back), at most `maxConcurrency` batches at
 * once where the row caps it.
 */
export const jobFunctions = jobQueues.map(({ row, queue }) => {
  const spec = jobFunctionSpec(row, context);
  const cdn = cdnAccess(spec);
  const fn = lambda(spec, { bucketAccess: row.buckets, permissions: [consume(queue), ...rekognitionGrants(row), ...cdn.permissions], environment: cdn.environment });
  const { maxConcurrency } = row;
  queue.subscribe(fn.arn, {
    batch: { size: row.batchSize, partialResponses: true },
    ...(maxConcurrency ? { transform: { eventSourceMapping: (args) => void (args.scalingConfig = { maximumConcurrency: maxConcurrency }) } } : {}),
  });
  return { row, fn };
});

/* The built-in model for the site's searches by photo; the site invokes it. Rekognition needs no such function. */
export const describeFaces = usesRekognition ? undefined : lambda(services.describeFaces);

/* Every job queue's dead-letter queue has this one consumer: what fails every attempt becomes its owner's dead letter. */
export const storeDeadLetter = lambda(services.storeDeadLetter, {
  // It tells the kinds apart by their trigger's bucket, whose objects it does not read; a photo it gives up on
  // sends its owner's webhooks image.failed, whose delivery requests it writes to the media bucket.
  bucketAccess: { Uploads: 'name', Media: 'write' },
  permissions: [consume(...jobQueues.map(({ deadLetters }) => deadLetters))],
});
for (const { deadLetters } of jobQueues) {
  deadLetters.subscribe(storeDeadLetter.arn, { batch: { size: DEAD_LETTER_BATCH_SIZE, partialResponses: true } });
}

/*
 * The sweep reads the table's overdue jobs, looks for their trigger objects, announces them again
 * (a copy onto themselves) and removes what a job that never started left behind.
 */
export const sweep = lambda(services.sweep, { bucketAccess: { Uploads: 'read-write', Media: 'read-write' } });

export const sweepSchedule = new sst.aws.Cron('SweepSchedule', { schedule: SWEEP_SCHEDULE, function: sweep.arn });
