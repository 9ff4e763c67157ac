import { JOB_WIRING, type JobWiring, type ObjectAccess } from '../../lib/jobs/wiring';
import { FAKE_ACCOUNT, FAKE_REGION } from './mocks';
import type { InfraSpec, FunctionSpec } from './rules';

/*
 * The reviewed statement of who may do what. What each level of access allows is written out
 * literally rather than derived from infra/access.ts, so that a change to the config has to be
 * matched here on purpose; a job kind's function is held to what its row of the job-wiring table
 * declares, so the row is where its access is reviewed.
 */

const QUEUE_CONSUMER = ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'];
const TABLE_ITEMS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];

const KMS_OBJECTS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/** Every function sends its traces to X-Ray (active tracing), on no resource in particular. */
const XRAY_WRITE = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

/** The site's distribution (SST's Nextjs names it), the only one a kind that reads it may invalidate. */
export const SITE_DISTRIBUTION_ARN = `arn:aws:cloudfront::${FAKE_ACCOUNT}:distribution/WebCdnDistribution`;

/** Every level of object access allows listing the bucket, so that a missing key reads as 404, not 403. */
const OBJECTS: Record<ObjectAccess, string[]> = {
  read: ['s3:GetObject', 's3:ListBucket'],
  'read-delete': ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket'],
  write: ['s3:DeleteObject', 's3:ListBucket', 's3:PutObject'],
  'read-write': ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
  'read-write-multipart': ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
};

export function expectedAccess(options: { faceAnalyzer?: 'rekognition' | 'local'; encryption?: 's3' | 'kms'; stage?: string; waf?: boolean; wiring?: readonly JobWiring[] } = {}): InfraSpec {
  const { faceAnalyzer = 'rekognition', encryption = 's3', stage = 'graph', waf = false, wiring = JOB_WIRING } = options;
  const rekognition = faceAnalyzer === 'rekognition';
  // One Rekognition collection per user, all of them named after the app and stage (dots: no stage name holds one), in this account and region, and nothing else of Rekognition's.
  const collections = `arn:aws:rekognition:${FAKE_REGION}:${FAKE_ACCOUNT}:collection/headshot.${stage}.*`;
  // With the customer-managed key, whoever reads or writes objects also uses the key.
  const key: Record<string, string[]> = encryption === 'kms' ? { Data: KMS_OBJECTS } : {};
  // Live updates: every job tells its owner's pages how it is going, on this stage's user topics only.
  const live: Record<string, string[]> = { [`arn:aws:iot:*:*:topic/headshot/${stage}/users/*`]: ['iot:Publish'] };
  /** A job kind's function: its buckets, the table, live updates, its own queue, and Rekognition where its row calls it. */
  const jobFunction = (row: JobWiring): FunctionSpec => ({
    links: [...Object.keys(row.buckets), 'Realtime', 'Table'],
    grants: {
      ...live,
      [`${row.component}Queue`]: QUEUE_CONSUMER,
      ...Object.fromEntries(Object.entries(row.buckets).map(([bucket, access]) => [bucket, OBJECTS[access]])),
      Table: TABLE_ITEMS,
      ...(rekognition && row.rekognition ? { [row.rekognition.on === 'collections' ? collections : '*']: [...row.rekognition.actions] } : {}),
      ...(row.reads?.includes('cdn-distribution') ? { [SITE_DISTRIBUTION_ARN]: ['cloudfront:CreateInvalidation'] } : {}),
      ...(Object.keys(row.buckets).length > 0 ? key : {}),
    },
  });
  const functions: Record<string, FunctionSpec> = {
    ...Object.fromEntries(wiring.map((row) => [row.component, jobFunction(row)])),
    // The built-in model for the site's searches by photo: it reads nothing and writes nothing.
    ...(rekognition ? {} : { DescribeFaces: { links: [], grants: {} } }),
    StoreDeadLetter: {
      // The buckets' names, to tell a dead letter's kind by its trigger; no reading of their objects. It
      // writes webhook delivery requests (a given-up photo's image.failed) to the media bucket.
      links: ['Media', 'Realtime', 'Table', 'Uploads'],
      grants: {
        ...live,
        ...Object.fromEntries(wiring.map((row) => [`${row.component}DeadLetters`, QUEUE_CONSUMER])),
        Media: OBJECTS.write,
        Table: TABLE_ITEMS,
        ...key,
      },
    },
    // Reads overdue jobs, HEADs and re-announces their triggers (a copy onto themselves), removes what never-started jobs left.
    Sweep: {
      links: ['Media', 'Realtime', 'Table', 'Uploads'],
      grants: {
        ...live,
        Uploads: ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
        Media: ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
        Table: TABLE_ITEMS,
        ...key,
      },
    },
    // The Next.js server: SST adds its own cache bucket and CloudFront invalidation.
    WebServerUseast1: {
      links: ['ClerkJwtKey', 'ClerkPublishableKey', 'ClerkSecretKey', 'ClerkWebhookSigningSecret', ...(rekognition ? [] : ['DescribeFaces']), 'Media', 'MediaSigningKey', 'Realtime', 'Table', 'Uploads'],
      grants: {
        ...live,
        Uploads: ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
        // PutObject: starting an analysis copies a variant to the analysis input; sharing stores a preview.
        Media: ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
        Table: TABLE_ITEMS,
        // Face searches (by a face, by a query photo) and deleting a photo's faces, in the user's collection only.
        ...(rekognition
          ? {
              '*': ['cloudfront:CreateInvalidation', 'rekognition:DetectFaces'],
              [collections]: ['rekognition:DeleteFaces', 'rekognition:SearchFaces', 'rekognition:SearchFacesByImage'],
            }
          : { '*': ['cloudfront:CreateInvalidation'], DescribeFaces: ['lambda:InvokeFunction'] }),
        ...key,
      },
      ignore: ['WebAssets'],
    },
    WebImageOptimizer: { links: [], grants: {}, ignore: ['WebAssets'] },
    // Anyone can reach it through IoT: it checks a live connection's token with its own key and reads two
    // items (account open, session alive), nothing more. SST's iot:* on everything is taken away; the IoT
    // policy it returns is what binds a browser.
    RealtimeAuthorizerHandler: { links: ['Table'], grants: { Table: ['dynamodb:GetItem'] } },
  };
  return {
    maxReceiveCount: 3,
    visibilityTimeoutMultiplier: 6,
    deadLetterConsumer: 'StoreDeadLetter',
    scheduled: { Sweep: 'rate(5 minutes)' },
    waf,
    alarmed: [...wiring.map((row) => row.component), ...(rekognition ? [] : ['DescribeFaces']), 'StoreDeadLetter', 'Sweep', 'RealtimeAuthorizerHandler', 'WebServerUseast1'],
    // Each one traced: what it may do, and X-Ray's two writes besides.
    functions: Object.fromEntries(
      Object.entries(functions).map(([name, spec]) => [name, { ...spec, grants: { ...spec.grants, '*': [...(spec.grants['*'] ?? []), ...XRAY_WRITE] } }]),
    ),
  };
}

