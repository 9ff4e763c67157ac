/**
 * Promise.all that waits for every promise to settle before it rejects with the first failure.
 * The pipeline stores each file as it is encoded, so a failure must not be reported while other
 * encodes are still running and writing: the caller would clean up, and a late write would outlive it.
 */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}
