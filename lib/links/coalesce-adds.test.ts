import { describe, expect, it } from 'vitest';
import { coalesceAdds } from './coalesce-adds';

function deferred() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

describe('coalesced additions', () => {
  it('write the first addition at once and sum those that arrive during the write', async () => {
    const writes: [string, number][] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    let total = 0;
    const add = coalesceAdds(
      (key: string) => key,
      async (key, amount) => {
        writes.push([key, amount]);
        const gate = deferred();
        gates.push(gate);
        await gate.done;
        total += amount;
        return total;
      },
    );

    const first = add('a');
    expect(writes).toEqual([['a', 1]]);
    const during = [add('a'), add('a'), add('a')];
    const other = add('b');
    expect(writes).toEqual([['a', 1], ['b', 1]]);

    gates[0]!.release();
    expect(await first).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([['a', 1], ['b', 1], ['a', 3]]);
    gates[2]!.release();
    expect(await Promise.all(during)).toEqual([4, 4, 4]);
    gates[1]!.release();
    expect(await other).toBe(5);
  });

  it('fails every caller whose addition was in a failed write, and carries on afterwards', async () => {
    let fail = true;
    const add = coalesceAdds(
      (key: string) => key,
      async (_key, amount) => {
        await Promise.resolve();
        if (fail) throw new Error('throttled');
        return amount;
      },
    );
    await expect(add('a')).rejects.toThrow('throttled');
    fail = false;
    await expect(add('a')).resolves.toBe(1);
  });
});
