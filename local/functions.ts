import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** The functions/ handlers the local cloud can run, by name. */
export const FUNCTIONS = {
  'process-image': () => import('../functions/process-image'),
  'analyze-profile': () => import('../functions/analyze-profile'),
} satisfies Record<string, () => Promise<{ handler: (event: SQSEvent) => Promise<SQSBatchResponse | void> }>>;

export type FunctionName = keyof typeof FUNCTIONS;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

/** Runs a handler in this process. */
export async function invokeInProcess(name: string, event: SQSEvent): Promise<SQSBatchResponse | void> {
  if (!isFunctionName(name)) throw new Error(`No function named ${name}`);
  const { handler } = await FUNCTIONS[name]();
  return handler(event);
}
