import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Invoke } from './bridge';

class FunctionError extends Error {
  override name = 'FunctionError';
}

/**
 * Invokes a function through the runtime's Invoke API. While the runtime restarts after an edit,
 * connections are refused; that is waited out rather than counted as a failed attempt.
 */
export function httpInvoker(endpoint: string, options: { restartWaitMs?: number } = {}): Invoke {
  const restartWaitMs = options.restartWaitMs ?? 30_000;
  return async (functionName: string, event: SQSEvent) => {
    const deadline = Date.now() + restartWaitMs;
    for (;;) {
      let response: Response;
      try {
        response = await fetch(`${endpoint}/2015-03-31/functions/${functionName}/invocations`, { method: 'POST', body: JSON.stringify(event) });
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      const body = (await response.json()) as SQSBatchResponse | { errorMessage: string } | null;
      if (response.headers.get('x-amz-function-error')) throw new FunctionError((body as { errorMessage: string }).errorMessage);
      return (body as SQSBatchResponse | null) ?? undefined;
    }
  };
}
