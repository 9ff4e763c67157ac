import { nanoid } from 'nanoid';
import { expect, it } from 'vitest';
import { deletePrefix, listKeys, writeObject } from '@/lib/storage';
import { UNROUTED_BUCKET } from './unrouted-bucket';

it('lists and deletes more than one page (1000 keys) under a prefix, as a user with many photos needs', async () => {
  const prefix = `many/${nanoid(8)}/`;
  const keys = Array.from({ length: 1050 }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  for (let start = 0; start < keys.length; start += 100) {
    await Promise.all(keys.slice(start, start + 100).map((key) => writeObject(UNROUTED_BUCKET, key, Buffer.from('x'), 'text/plain')));
  }
  expect(await listKeys(UNROUTED_BUCKET, prefix)).toEqual(keys);
  await deletePrefix(UNROUTED_BUCKET, prefix);
  expect(await listKeys(UNROUTED_BUCKET, prefix)).toEqual([]);
});
