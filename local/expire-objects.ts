import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { allPages } from '../lib/all-pages';

/**
 * S3's lifecycle expiration, which the emulator does not have: the objects under each rule's prefix
 * older than its days go, as the bucket's rules remove them on AWS (by age, within a day or so).
 */
export async function expireObjects(client: S3Client, bucket: string, rules: readonly { prefix: string; days: number }[], now = Date.now()): Promise<number> {
  let removed = 0;
  for (const rule of rules) {
    const cutoff = now - rule.days * 24 * 3600 * 1000;
    const listPage = async (token: string | undefined) => {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: rule.prefix, ContinuationToken: token }));
      return { items: page.Contents ?? [], cursor: page.NextContinuationToken };
    };
    for await (const objects of allPages(listPage)) {
      const expired = objects.filter((object) => object.Key && object.LastModified && object.LastModified.getTime() < cutoff).map((object) => ({ Key: object.Key! }));
      if (expired.length > 0) await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: expired } }));
      removed += expired.length;
    }
  }
  return removed;
}
