import type { Invoke } from './bridge';

class FunctionError extends Error {
  override name = 'FunctionError';
}

/** The runtime was not listening: nothing was sent, so nothing ran. */
function refused(error: unknown): boolean {
  return (error as { cause?: { code?: string } } | null)?.cause?.code === 'ECONNREFUSED';
}

/**
 * Invokes a function through the runtime's Invoke API. While the runtime restarts after an edit,
 * connections are refused; that is waited out rather than counted as a failed attempt. A runtime that
 * dies during an invocation is a crash, and fails the attempt as it would on Lambda.
 */
export function httpInvoker(endpoint: string, options: { restartWaitMs?: number } = {}): Invoke {
  const restartWaitMs = options.restartWaitMs ?? 30_000;
  return async (functionName, event) => {
    const deadline = Date.now() + restartWaitMs;
    for (;;) {
      let response: Response;
      try {
        response = await fetch(`${endpoint}/2015-03-31/functions/${functionName}/invocations`, { method: 'POST', body: JSON.stringify(event) });
      } catch (error) {
        if (!refused(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      const body = (await response.json()) as unknown;
      if (response.headers.get('x-amz-function-error')) throw new FunctionError((body as { errorMessage: string }).errorMessage);
      return body ?? undefined;
    }
  };
}
