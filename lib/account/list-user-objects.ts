import { resources } from '../aws/resources';
import type { BucketLink } from '../jobs/wiring';
import { listKeys } from '../storage';
import { userPrefixes } from './user-prefixes';

/** Every object under the user's prefixes, in either bucket. */
export async function listUserObjects(userId: string): Promise<{ bucket: string; key: string }[]> {
  const objects: { bucket: string; key: string }[] = [];
  for (const [link, prefixes] of Object.entries(userPrefixes(userId)) as [BucketLink, string[]][]) {
    const bucket = resources.bucket(link);
    for (const prefix of prefixes) objects.push(...(await listKeys(bucket, prefix)).map((key) => ({ bucket, key })));
  }
  return objects;
}
