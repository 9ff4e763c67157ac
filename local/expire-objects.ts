import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/**
 * S3's lifecycle expiration, which the emulator does not have: the objects under each rule's prefix
 * older than its days go, as the bucket's rules remove them on AWS (by age, within a day or so).
 */
export async function expireObjects(client: S3Client, bucket: string, rules: readonly { prefix: string; days: number }[], now = Date.now()): Promise<number> {
  let removed = 0;
  for (const rule of rules) {
    const cutoff = now - rule.days * 24 * 3600 * 1000;
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: rule.prefix, ContinuationToken: token }));
      const expired = (page.Contents ?? []).filter((object) => object.Key && object.LastModified && object.LastModified.getTime() < cutoff).map((object) => ({ Key: object.Key! }));
      if (expired.length > 0) await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: expired } }));
      removed += expired.length;
      token = page.NextContinuationToken;
    } while (token);
  }
  return removed;
}
