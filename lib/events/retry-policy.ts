/**
 * How many times an event is delivered before it is dead-lettered. SQS's redrive policy
 * (maxReceiveCount, in infra/) and the local cloud's event bridge both use this number.
 */
export const MAX_DELIVERY_ATTEMPTS = 3;

/** The local bridge's pause before attempt n + 1; SQS waits for the visibility timeout instead. */
export function retryDelayMs(attempt: number): number {
  return 250 * 2 ** (attempt - 1);
}
