/*
 * Narrow links. Linking an SST Bucket or Dynamo table grants "s3:*" / "dynamodb:*" on it; these
 * wrappers keep the link itself (same name, same `Resource.X` properties, same generated type) but
 * grant only the actions the linked code performs.
 */

import type { ObjectAccess } from '../lib/jobs/wiring';
import { dataKey, KMS_OBJECT_ACTIONS } from './encryption';

interface LinkTarget {
  urn: $util.Output<string>;
  arn: $util.Output<string>;
  name: $util.Output<string>;
}

type Permission = ReturnType<typeof sst.aws.permission>;

/** What Function `link` accepts: SST reads the link's name from `urn` and its data from `getSSTLink`. */
export interface ScopedLink {
  urn: $util.Output<string>;
  getSSTLink(): { properties: { name: $util.Output<string> }; include: Permission[] };
}

function scopedLink(target: LinkTarget, include: Permission[]): ScopedLink {
  return {
    urn: target.urn,
    getSSTLink: () => ({ properties: { name: target.name }, include }),
  };
}

export type ObjectAction = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject' | 's3:AbortMultipartUpload';

/** The object actions each level of access allows. */
export const OBJECT_ACTIONS: Record<ObjectAccess, readonly ObjectAction[]> = {
  read: ['s3:GetObject'],
  'read-delete': ['s3:GetObject', 's3:DeleteObject'],
  // Writing derived objects includes clearing a half-written set before a retry writes it again.
  write: ['s3:PutObject', 's3:DeleteObject'],
  'read-write': ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
  // An archive streamed as a multipart upload, which is aborted if the stream fails.
  'read-write-multipart': ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
};

/**
 * Object actions on every key, plus s3:ListBucket on the bucket: without it S3 answers a read of a
 * missing key with 403 instead of 404, and the handlers treat "already gone" as done, not as a failure.
 */
export function bucketLink(bucket: LinkTarget, access: ObjectAccess): ScopedLink {
  return scopedLink(bucket, [
    sst.aws.permission({ actions: [...OBJECT_ACTIONS[access]], resources: [$interpolate`${bucket.arn}/*`] }),
    sst.aws.permission({ actions: ['s3:ListBucket'], resources: [bucket.arn] }),
    // Objects encrypted with the customer-managed key are unreadable and unwritable without it.
    ...(dataKey ? [sst.aws.permission({ actions: KMS_OBJECT_ACTIONS, resources: [dataKey.arn] })] : []),
  ]);
}

/**
 * A bucket's name and no access to it: for code that tells buckets apart by name and touches no
 * object (store-dead-letter names a dead letter's job kind from its trigger's bucket and key).
 */
export function bucketNameLink(bucket: LinkTarget): ScopedLink {
  return scopedLink(bucket, []);
}

/** Item reads and writes through ElectroDB (transactions are checked per item action); no table admin, no Scan. */
export const TABLE_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export function tableLink(table: LinkTarget): ScopedLink {
  return scopedLink(table, [
    sst.aws.permission({
      actions: [...TABLE_ITEM_ACTIONS],
      // The GSIs are separate resources: table/<name>/index/<index>.
      resources: [table.arn, $interpolate`${table.arn}/index/*`],
    }),
  ]);
}

/**
 * GetItem alone, on the table's items whose partition key matches one of these patterns (IAM's
 * dynamodb:LeadingKeys, `*` a wildcard): for a function that reads a few known items and nothing else.
 */
export function tableGetItemLink(table: LinkTarget, partitionKeys: string[]): ScopedLink {
  return scopedLink(table, [
    sst.aws.permission({
      actions: ['dynamodb:GetItem'],
      resources: [table.arn],
      conditions: [{ test: 'ForAllValues:StringLike', variable: 'dynamodb:LeadingKeys', values: partitionKeys }],
    }),
  ]);
}

interface RealtimeTarget {
  urn: $util.Output<string>;
  endpoint: $util.Output<string>;
  authorizer: $util.Output<string>;
}

/**
 * Linking SST's Realtime grants "iot:Publish" on every topic in the account, whose IoT broker every
 * app and stage shares. This link keeps `Resource.Realtime` (endpoint, authorizer) and allows
 * publishing to this stage's user topics only (lib/realtime/topics.ts).
 */
export function realtimeLink(realtime: RealtimeTarget): { urn: $util.Output<string>; getSSTLink(): { properties: Record<string, $util.Output<string>>; include: Permission[] } } {
  return {
    urn: realtime.urn,
    getSSTLink: () => ({
      properties: { endpoint: realtime.endpoint, authorizer: realtime.authorizer },
      include: [sst.aws.permission({ actions: ['iot:Publish'], resources: [$interpolate`arn:aws:iot:*:*:topic/${$app.name}/${$app.stage}/users/*`] })],
    }),
  };
}
