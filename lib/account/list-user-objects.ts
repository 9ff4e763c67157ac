import { resources } from '../aws/resources';
import { listKeys, userPrefixes } from '../storage';

/** Every object under the user's prefixes, in either bucket. */
export async function listUserObjects(userId: string): Promise<{ bucket: string; key: string }[]> {
  const prefixes = userPrefixes(userId);
  const objects: { bucket: string; key: string }[] = [];
  for (const [bucket, list] of [
    [resources.uploadsBucket, prefixes.uploads],
    [resources.mediaBucket, prefixes.media],
  ] as const) {
    for (const prefix of list) objects.push(...(await listKeys(bucket, prefix)).map((key) => ({ bucket, key })));
  }
  return objects;
}
