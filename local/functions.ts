import { functionSpecs } from '../infra/function-specs';
import { lambdaContext } from './lambda-context';

type Handler = (event: object, context: object) => Promise<unknown>;

/** Every function the local cloud can run: each row of the job-wiring table, and the others, as infra/ deploys them. */
export const FUNCTION_SPECS = functionSpecs({ faceAnalyzer: 'local' });

export function isFunctionName(name: string): boolean {
  return FUNCTION_SPECS.some((spec) => spec.name === name);
}

/** How long Lambda lets the function run before it stops it. */
export function functionTimeoutMs(name: string): number {
  const spec = FUNCTION_SPECS.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`No function named ${name}`);
  return spec.timeoutSeconds * 1000;
}

/** Runs a handler in this process, with the context Lambda would give it. */
export async function invokeInProcess(name: string, event: object): Promise<unknown> {
  const timeoutMs = functionTimeoutMs(name);
  // Loaded on first use, as Lambda loads a function on its first event: the face model costs seconds.
  const { handler } = (await import(new URL(`../functions/${name}.ts`, import.meta.url).href)) as { handler: Handler };
  return handler(event, lambdaContext(name, timeoutMs));
}
