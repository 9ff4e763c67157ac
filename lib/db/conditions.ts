/** True for DynamoDB's refusal of a conditional write: the item was not in the state the write required. */
export function isConditionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } } | null)?.cause;
  return cause?.name === 'ConditionalCheckFailedException';
}

/** Runs a conditional write: true when it applied, false when its condition did not hold. */
export async function conditionally(write: Promise<unknown>): Promise<boolean> {
  return (await conditionalResult(write.then(() => true))) ?? false;
}

/** Runs a conditional write that answers something (the item written): that, or null when its condition did not hold. */
export async function conditionalResult<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}
