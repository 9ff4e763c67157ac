import { readInfraSettings } from './settings';

const settings = readInfraSettings(process.env);

/*
 * Encryption at rest. Both buckets declare it explicitly: SSE-S3 (AES-256, S3's own keys) by default;
 * with ENCRYPTION=kms, one customer-managed KMS key, rotated every year, encrypts both buckets (with S3
 * Bucket Keys, so S3 asks KMS once per bucket key rather than once per object) and the table. Whoever
 * reads or writes objects then needs the key too: bucketLink() grants it with the bucket.
 */
export const dataKey =
  settings.encryption === 'kms'
    ? new aws.kms.Key('DataKey', {
        description: `Encrypts ${$app.name} ${$app.stage}'s photos (both buckets) and its table`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
      })
    : undefined;

/** Declares a bucket's default encryption: every object S3 stores there is encrypted with it. */
export function encryptBucket(name: string, bucket: $util.Output<string>): void {
  new aws.s3.BucketServerSideEncryptionConfiguration(`${name}Encryption`, {
    bucket,
    rules: [
      dataKey
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: dataKey.arn }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
    ],
  });
}

/** KMS actions for using objects encrypted with the key: reading them decrypts, writing them makes a data key. */
export const KMS_OBJECT_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];
