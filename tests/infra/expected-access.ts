import type { InfraSpec } from './rules';

/*
 * The reviewed statement of who may do what, written out literally rather than derived from
 * infra/access.ts, so that a change to the config has to be matched here on purpose.
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

export function expectedAccess(options: { faceAnalyzer?: 'rekognition' | 'local'; encryption?: 's3' | 'kms'; stage?: string } = {}): InfraSpec {
  const { faceAnalyzer = 'rekognition', encryption = 's3', stage = 'graph' } = options;
  const rekognition = faceAnalyzer === 'rekognition';
  // One Rekognition collection per user, all of them named after the app and stage, and nothing else of Rekognition's.
  const collections = `arn:aws:rekognition:*:*:collection/headshot-${stage}-*`;
  // With the customer-managed key, whoever reads or writes objects also uses the key.
  const key: Record<string, string[]> = encryption === 'kms' ? { Data: KMS_OBJECTS } : {};
  // Live updates: every job tells its owner's pages how it is going, on this stage's user topics only.
  const live: Record<string, string[]> = { [`arn:aws:iot:*:*:topic/headshot/${stage}/users/*`]: ['iot:Publish'] };
  return {
    maxReceiveCount: 3,
    visibilityTimeoutMultiplier: 6,
    deadLetterConsumer: 'StoreDeadLetter',
    scheduled: { Sweep: 'rate(5 minutes)' },
    alarmed: ['ProcessImage', 'AnalyzeProfile', 'IndexFaces', 'DeleteAccount', 'ExportAccount', ...(rekognition ? [] : ['DescribeFaces']), 'StoreDeadLetter', 'Sweep', 'RealtimeAuthorizerHandler', 'WebServerUseast1'],
    functions: {
      ProcessImage: {
        links: ['Media', 'Realtime', 'Table', 'Uploads'],
        grants: {
          ...live,
          ProcessImageQueue: QUEUE_CONSUMER,
          Uploads: ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket'],
          Media: ['s3:DeleteObject', 's3:ListBucket', 's3:PutObject'],
          Table: TABLE_ITEMS,
          ...key,
        },
      },
      AnalyzeProfile: {
        links: ['Media', 'Realtime', 'Table'],
        grants: {
          ...live,
          AnalyzeProfileQueue: QUEUE_CONSUMER,
          Media: ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
          Table: TABLE_ITEMS,
          ...(faceAnalyzer === 'rekognition' ? { '*': ['rekognition:DetectFaces'] } : {}),
          ...key,
        },
      },
      IndexFaces: {
        links: ['Media', 'Realtime', 'Table'],
        grants: {
          ...live,
          IndexFacesQueue: QUEUE_CONSUMER,
          Media: ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
          Table: TABLE_ITEMS,
          ...(rekognition ? { [collections]: ['rekognition:CreateCollection', 'rekognition:DeleteFaces', 'rekognition:IndexFaces', 'rekognition:SearchFaces'] } : {}),
          ...key,
        },
      },
      // Everything of one user goes: objects in both buckets, their items, their collection.
      DeleteAccount: {
        links: ['Media', 'Realtime', 'Table', 'Uploads'],
        grants: {
          ...live,
          DeleteAccountQueue: QUEUE_CONSUMER,
          Uploads: ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket'],
          Media: ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket'],
          Table: TABLE_ITEMS,
          ...(rekognition ? { [collections]: ['rekognition:DeleteCollection'] } : {}),
          ...key,
        },
      },
      // Reads originals, writes one archive as a multipart upload (aborted if the stream fails).
      ExportAccount: {
        links: ['Media', 'Realtime', 'Table', 'Uploads'],
        grants: {
          ...live,
          ExportAccountQueue: QUEUE_CONSUMER,
          Uploads: ['s3:GetObject', 's3:ListBucket'],
          Media: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject'],
          Table: TABLE_ITEMS,
          ...key,
        },
      },
      // The built-in model for the site's searches by photo: it reads nothing and writes nothing.
      ...(rekognition ? {} : { DescribeFaces: { links: [], grants: {} } }),
      StoreDeadLetter: {
        links: ['Realtime', 'Table'],
        grants: {
          ...live,
          ProcessImageDeadLetters: QUEUE_CONSUMER,
          AnalyzeProfileDeadLetters: QUEUE_CONSUMER,
          IndexFacesDeadLetters: QUEUE_CONSUMER,
          DeleteAccountDeadLetters: QUEUE_CONSUMER,
          ExportAccountDeadLetters: QUEUE_CONSUMER,
          Table: TABLE_ITEMS,
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
        links: ['ClerkJwtKey', 'ClerkPublishableKey', 'ClerkSecretKey', 'ClerkWebhookSigningSecret', ...(rekognition ? [] : ['DescribeFaces']), 'Media', 'Realtime', 'Table', 'Uploads'],
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
      // Checks a live connection's token and reads the table (account open, session alive). SST's Realtime
      // gives its authorizer iot:* on everything, which it never uses; the IoT policy it returns is what binds a browser.
      RealtimeAuthorizerHandler: { links: ['Table'], grants: { Table: TABLE_ITEMS, '*': ['iot:*'] } },
    },
  };
}
