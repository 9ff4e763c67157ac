import { describe, expect, it } from 'vitest';
import { coalesceAdds } from './coalesce-adds';

function deferred() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

describe('coalesced additions', () => {
  it('write the first tally at once and sum those that arrive during the write, counter by counter', async () => {
    const writes: [string, Record<string, number>][] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    let total = 0;
    const add = coalesceAdds(
      (key: string) => key,
      async (key, tally) => {
        writes.push([key, { ...tally }]);
        const gate = deferred();
        gates.push(gate);
        await gate.done;
        total += tally.views ?? 0;
        return total;
      },
    );

    const first = add('a', { views: 1 });
    expect(writes).toEqual([['a', { views: 1 }]]);
    const during = [add('a', { views: 1, 'browser#Chrome': 1 }), add('a', { views: 1, 'browser#Firefox': 1 }), add('a', { views: 1, 'browser#Chrome': 1 })];
    const other = add('b', { views: 1 });
    expect(writes).toEqual([['a', { views: 1 }], ['b', { views: 1 }]]);

    gates[0]!.release();
    expect(await first).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    // Summed counter by counter: one write for the three views that came during the first.
    expect(writes).toEqual([['a', { views: 1 }], ['b', { views: 1 }], ['a', { views: 3, 'browser#Chrome': 2, 'browser#Firefox': 1 }]]);
    gates[2]!.release();
    expect(await Promise.all(during)).toEqual([4, 4, 4]);
    gates[1]!.release();
    expect(await other).toBe(5);
  });

  it('fails every caller whose addition was in a failed write, and carries on afterwards', async () => {
    let fail = true;
    const add = coalesceAdds(
      (key: string) => key,
      async (_key, tally) => {
        await Promise.resolve();
        if (fail) throw new Error('throttled');
        return tally.views;
      },
    );
    await expect(add('a', { views: 1 })).rejects.toThrow('throttled');
    fail = false;
    await expect(add('a', { views: 1 })).resolves.toBe(1);
  });
});
