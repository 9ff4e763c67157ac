/**
 * Calls of `read` with the same key that overlap share one call: the first starts it, the others
 * join it until it settles, and the next call after that reads afresh. Nothing is kept afterwards,
 * so no answer is older than the call it was shared with.
 */
export function sharedWhileInFlight<Key extends string, Value>(read: (key: Key) => Promise<Value>): (key: Key) => Promise<Value> {
  const inFlight = new Map<Key, Promise<Value>>();
  return (key) => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = read(key).finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
