import { describe, expect, it } from 'vitest';
import { sharedWhileInFlight } from './shared-while-in-flight';

describe('sharedWhileInFlight', () => {
  it('shares one read among overlapping calls with the same key, and reads afresh once it has settled', async () => {
    const reads: string[] = [];
    const read = sharedWhileInFlight(async (key: string) => {
      reads.push(key);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return `${key}#${reads.length}`;
    });
    expect(await Promise.all([read('a'), read('a'), read('b'), read('a')])).toEqual(['a#2', 'a#2', 'b#2', 'a#2']);
    expect(reads).toEqual(['a', 'b']);
    expect(await read('a')).toBe('a#3');
  });

  it('fails every caller of a failed read, and the next call tries again', async () => {
    let fail = true;
    const read = sharedWhileInFlight(async (key: string) => {
      await Promise.resolve();
      if (fail) throw new Error('throttled');
      return key;
    });
    await expect(Promise.all([read('a'), read('a')])).rejects.toThrow('throttled');
    fail = false;
    await expect(read('a')).resolves.toBe('a');
  });
});
