import 'server-only';
import { z, ZodError } from 'zod';
import { ApiTokenRefused, authenticateApiToken, type ApiTokenIdentity } from '@/lib/api-tokens';
import { problem, PROBLEM_CONTENT_TYPE, type ApiOperation, type ProblemType } from '@/lib/api';
import { log } from '@/lib/observability/log';
import { QuotaExceededError } from '@/lib/quota';
import { RateLimitedError } from '@/lib/rate-limit';
import { UserError } from '@/lib/user-error';

/*
 * The framework's side of the public API: one Next.js route handler per operation of
 * lib/api/operations.ts. The identity is the bearer token's owner, never anything in the request's
 * input; the input is parsed with the operation's schemas and the answer checked against its schema,
 * so the OpenAPI document and the code cannot disagree. Every error is a problem document.
 */

type RouteContext = { params: Promise<unknown> };

/** What an operation's handler gets: its input, parsed by the operation's own schemas. */
interface Input<Q extends z.ZodObject, P extends z.ZodObject, B extends z.ZodType> {
  query: z.output<Q>;
  params: z.output<P>;
  body: z.output<B>;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

function problemResponse(type: ProblemType, detail: string, extra: Parameters<typeof problem>[2] = {}, headers: Record<string, string> = {}): Response {
  const body = problem(type, detail, extra);
  return Response.json(body, { status: body.status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...NO_STORE, ...headers } });
}

async function readInput<Q extends z.ZodObject, P extends z.ZodObject, B extends z.ZodType>(operation: ApiOperation<Q, P, B>, request: Request, context: RouteContext): Promise<Input<Q, P, B>> {
  const query = operation.query?.parse(Object.fromEntries(new URL(request.url).searchParams));
  const params = operation.params?.parse(await context.params);
  let body: unknown;
  if (operation.body) {
    const json = await request.json().catch(() => {
      throw new UserError('The body must be JSON.');
    });
    body = operation.body.parse(json);
  }
  return { query, params, body } as Input<Q, P, B>;
}

/** The route handler of one operation; `run` answers null for something the owner does not have (404). */
export function apiRoute<Q extends z.ZodObject, P extends z.ZodObject, B extends z.ZodType, R extends z.ZodType>(
  operation: ApiOperation<Q, P, B, R>,
  run: (identity: ApiTokenIdentity, input: Input<Q, P, B>) => Promise<z.input<R> | null>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const identity = await authenticateApiToken(request.headers.get('authorization'), operation.scope);
      const result = await run(identity, await readInput(operation, request, context));
      if (result === null) return problemResponse('not-found', 'There is nothing of yours here.');
      const { status, schema } = operation.success;
      if (!schema) return new Response(null, { status, headers: NO_STORE });
      const answer = schema.safeParse(result);
      if (!answer.success) throw new Error(`${operation.operationId} answered outside its schema: ${answer.error.message}`);
      if (status === 302) return new Response(null, { status, headers: { Location: (answer.data as { location: string }).location, ...NO_STORE } });
      return Response.json(answer.data, { status, headers: NO_STORE });
    } catch (error) {
      if (error instanceof ApiTokenRefused) return problemResponse(error.type, error.message, {}, error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
      if (error instanceof ZodError) {
        const errors = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
        const detail = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' ');
        return problemResponse('invalid-request', /[.!?]$/.test(detail) ? detail : `${detail}.`, { errors });
      }
      if (error instanceof RateLimitedError) return problemResponse('rate-limited', error.message, {}, { 'Retry-After': String(error.retryAfterSeconds) });
      if (error instanceof QuotaExceededError) return problemResponse('quota-exceeded', error.message);
      if (error instanceof UserError) return problemResponse('invalid-request', error.message);
      log.error('API operation failed', { operationId: operation.operationId, error: String(error) });
      return problemResponse('internal', 'Something went wrong on our side. Please try again.');
    }
  };
}
