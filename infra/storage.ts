import type { BucketLink } from '../lib/jobs/wiring';
import { ORIGINALS_PREFIX } from '../lib/storage/keys';
import { MEDIA_EXPIRY_RULES } from '../lib/storage/lifecycle';
import { SERVED_MEDIA_KINDS } from '../lib/storage/media-paths';
import { dataKey, encryptBucket } from './encryption';
import { readInfraSettings } from './settings';

export const ABORT_MULTIPART_RULE_ID = 'abort-incomplete-multipart-uploads';
export const EXPIRE_ORIGINALS_RULE_ID = 'expire-originals';
/** An upload URL lives ten minutes, so a multipart upload still open after a day was abandoned; its parts are billed until aborted. */
export const ABORT_INCOMPLETE_MULTIPART_AFTER_DAYS = 1;

const settings = readInfraSettings(process.env);

/*
 * Originals, written by browsers through presigned PUT URLs. Private; CORS is added in web.ts, once
 * the site's origin is known. SST's lifecycle options cannot abort multipart uploads, so the
 * transform adds that to its rule.
 */
export const uploads = new sst.aws.Bucket('Uploads', {
  cors: false,
  lifecycle: [
    { id: ABORT_MULTIPART_RULE_ID },
    ...(settings.uploadExpiryDays === null
      ? []
      : [{ id: EXPIRE_ORIGINALS_RULE_ID, prefix: ORIGINALS_PREFIX, expiresIn: `${settings.uploadExpiryDays} days` as const }]),
  ],
  transform: { lifecycle: abortAbandonedMultipartUploads },
});

/** Aborts multipart uploads left open for a day, in whichever bucket's rule it is. */
function abortAbandonedMultipartUploads(args: aws.s3.BucketLifecycleConfigurationArgs): undefined {
  args.rules = $output(args.rules).apply((rules) =>
    (rules ?? []).map((rule) =>
      rule.id === ABORT_MULTIPART_RULE_ID ? { ...rule, filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_MULTIPART_AFTER_DAYS } } : rule,
    ),
  );
  return undefined;
}

/*
 * The site's distribution, once web.ts has made it (it has the media bucket as an origin, so it comes
 * after): the media bucket's policy names it. Under `sst dev` there is none, and the policy grants nothing.
 */
let giveMediaDistribution: (arn: $util.Output<string> | null) => void = () => undefined;
const mediaDistributionArn = new Promise<$util.Output<string> | null>((resolve) => (giveMediaDistribution = resolve));

/**
 * Lets the site's distribution (and no other) read the served media (web.ts calls it once). With the
 * customer-managed key, reading an object decrypts it, so the key's policy lets that distribution
 * decrypt too; the account keeps the key's administration, and IAM grants it to the functions, as the
 * key's default policy did.
 */
export function serveMediaThrough(distributionArn: $util.Output<string> | null): void {
  giveMediaDistribution(distributionArn);
  if (!dataKey || !distributionArn) return;
  const account = aws.getCallerIdentityOutput().accountId;
  new aws.kms.KeyPolicy('DataKeyPolicy', {
    keyId: dataKey.id,
    policy: $jsonStringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AccountAdministersAndIamGrants', Effect: 'Allow', Principal: { AWS: $interpolate`arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
        {
          Sid: 'MediaDistributionDecrypts',
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
        },
      ],
    }),
  });
}

/**
 * Adds the origin access control's statement to the policy SST writes for the media bucket: this
 * distribution, and no other, may get objects under the served prefixes. It is added to the policy
 * resource's own input, not to the Bucket's `policy` argument: SST hands the bucket out only once its
 * policy resource exists, and the distribution needs the bucket first.
 */
function allowMediaDistribution(args: aws.s3.BucketPolicyArgs): undefined {
  const own = args.policy;
  const bucket = $output(args.bucket);
  args.policy = $output(mediaDistributionArn).apply((distributionArn): $util.Output<string | aws.iam.PolicyDocument> =>
    distributionArn === null
      ? $output(own)
      : $output([own, bucket, distributionArn] as const).apply(([policy, name, arn]) => {
          const document = JSON.parse(typeof policy === 'string' ? policy : JSON.stringify(policy)) as { Statement: unknown[] };
          document.Statement.push({
            Effect: 'Allow',
            Action: ['s3:GetObject'],
            Principal: { Service: ['cloudfront.amazonaws.com'] },
            Resource: SERVED_MEDIA_KINDS.map((kind) => `arn:aws:s3:::${name}/${kind}/*`),
            Condition: { StringEquals: { 'AWS:SourceArn': [arn] } },
          });
          return JSON.stringify(document);
        }),
  );
  return undefined;
}

/*
 * Derived images, face thumbnails and export archives. Private: no CORS, no public policy. The owner's
 * pages show them through the site's distribution under /media/ (infra/media-cdn.ts), which reads them
 * with Origin Access Control: the one statement it adds to the policy lets that distribution get
 * objects under the served prefixes, so trigger objects (analysis inputs, requests) never leave the
 * bucket that way; the API hands out presigned URLs. Archives are streamed as multipart uploads, and
 * expire with their requests (lib/storage/lifecycle.ts).
 */
export const media = new sst.aws.Bucket('Media', {
  cors: false,
  lifecycle: [{ id: ABORT_MULTIPART_RULE_ID }, ...MEDIA_EXPIRY_RULES.map(({ id, prefix, days }) => ({ id, prefix, expiresIn: `${days} days` as const }))],
  transform: { lifecycle: abortAbandonedMultipartUploads, policy: allowMediaDistribution },
});

encryptBucket('Uploads', uploads.name);
encryptBucket('Media', media.name);

/** The buckets by the names they are linked under, as the job-wiring table names a trigger's bucket. */
export const buckets = { Uploads: uploads, Media: media } satisfies Record<BucketLink, sst.aws.Bucket>;
