import { lambdaContext } from './lambda-context';

/** The functions/ handlers the local cloud can run, by name. */
export const FUNCTIONS = {
  'process-image': () => import('../functions/process-image'),
  'analyze-profile': () => import('../functions/analyze-profile'),
  'index-faces': () => import('../functions/index-faces'),
  'describe-faces': () => import('../functions/describe-faces'),
  'delete-account': () => import('../functions/delete-account'),
  'export-account': () => import('../functions/export-account'),
  'store-dead-letter': () => import('../functions/store-dead-letter'),
  sweep: () => import('../functions/sweep'),
  'live-authorizer': () => import('../functions/live-authorizer'),
} satisfies Record<string, () => Promise<{ handler: (event: never, context: never) => Promise<unknown> }>>;

export type FunctionName = keyof typeof FUNCTIONS;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

/** Runs a handler in this process, with the context Lambda would give it. */
export async function invokeInProcess(name: string, event: object): Promise<unknown> {
  if (!isFunctionName(name)) throw new Error(`No function named ${name}`);
  const { handler } = (await FUNCTIONS[name]()) as { handler: (event: object, context: object) => Promise<unknown> };
  return handler(event, lambdaContext(name));
}
