/** Amounts to add, by counter name. */
export type Tally = Record<string, number>;

/**
 * Merges additions to the same item into as few writes as possible, without delaying any: the first
 * tally is written at once, and tallies that arrive while that write is in flight are summed, counter
 * by counter, and written together as soon as it returns. With one request at a time (a Lambda
 * instance) every tally is its own write, as before; under load on one server, a burst of views of the
 * same link becomes one write of n. Each caller's promise settles when the write that carries its
 * tally has, so `after()` still keeps the function alive until the count is stored.
 */
export function coalesceAdds<Key, Result>(
  keyOf: (key: Key) => string,
  write: (key: Key, tally: Tally) => Promise<Result>,
): (key: Key, tally: Tally) => Promise<Result> {
  interface Batch {
    key: Key;
    tally: Tally;
    settle: { resolve: (result: Result) => void; reject: (error: unknown) => void }[];
  }
  const waiting = new Map<string, Batch>();
  const writing = new Set<string>();

  async function flush(id: string): Promise<void> {
    const batch = waiting.get(id);
    if (!batch) return;
    waiting.delete(id);
    writing.add(id);
    try {
      const result = await write(batch.key, batch.tally);
      for (const caller of batch.settle) caller.resolve(result);
    } catch (error) {
      for (const caller of batch.settle) caller.reject(error);
    } finally {
      writing.delete(id);
      if (waiting.has(id)) void flush(id);
    }
  }

  return (key, tally) =>
    new Promise<Result>((resolve, reject) => {
      const id = keyOf(key);
      const batch = waiting.get(id) ?? { key, tally: {}, settle: [] };
      for (const [name, amount] of Object.entries(tally)) batch.tally[name] = (batch.tally[name] ?? 0) + amount;
      batch.settle.push({ resolve, reject });
      waiting.set(id, batch);
      if (!writing.has(id)) void flush(id);
    });
}
