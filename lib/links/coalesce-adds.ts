/**
 * Merges additions to the same counter into as few writes as possible, without delaying any: the
 * first addition is written at once, and additions that arrive while that write is in flight are
 * summed and written together as soon as it returns. With one request at a time (a Lambda
 * instance) every addition is its own write, as before; under load on one server, a burst of views
 * of the same link becomes one ADD of n. Each caller's promise settles when the write that carries
 * its addition has, so `after()` still keeps the function alive until the count is stored.
 */
export function coalesceAdds<Key, Result>(
  keyOf: (key: Key) => string,
  write: (key: Key, amount: number) => Promise<Result>,
): (key: Key) => Promise<Result> {
  interface Batch {
    key: Key;
    amount: number;
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
      const result = await write(batch.key, batch.amount);
      for (const caller of batch.settle) caller.resolve(result);
    } catch (error) {
      for (const caller of batch.settle) caller.reject(error);
    } finally {
      writing.delete(id);
      if (waiting.has(id)) void flush(id);
    }
  }

  return (key) =>
    new Promise<Result>((resolve, reject) => {
      const id = keyOf(key);
      const batch = waiting.get(id) ?? { key, amount: 0, settle: [] };
      batch.amount += 1;
      batch.settle.push({ resolve, reject });
      waiting.set(id, batch);
      if (!writing.has(id)) void flush(id);
    });
}
