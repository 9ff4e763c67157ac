import 'server-only';
import { z, ZodError } from 'zod';
import { ApiTokenRefused, authenticateApiToken, type ApiTokenIdentity } from '@/lib/api-tokens';
import { ApiProblem, claimIdempotencyKey, idempotencyKeyOf, refuseIdempotencyKey, takesIdempotencyKey, meterApiRequest, problem, PROBLEM_CONTENT_TYPE, rateLimitHeaders, REPLAYED_HEADER, type ApiOperation, type KeptAnswer } from '@/lib/api';
import { log } from '@/lib/observability/log';
import { QuotaExceededError } from '@/lib/quota';
import { RateLimitedError } from '@/lib/rate-limit';
import { UserError } from '@/lib/user-error';

/*
 * The framework's side of the public API: one Next.js route handler per operation of
 * lib/api/operations.ts. The identity is the bearer token's owner, never anything in the request's
 * input; the input is parsed with the operation's schemas and the answer checked against its schema,
 * so the OpenAPI document and the code cannot disagree. Every error is a problem document. The rules
 * (rate limit, Idempotency-Key) live in lib/api; this only puts them in order.
 */

type RouteContext = { params: Promise<unknown> };

/** What an operation's handler gets: its input, parsed by the operation's own schemas. */
interface Input<Q extends z.ZodObject, P extends z.ZodObject, B extends z.ZodType> {
  query: z.output<Q>;
  params: z.output<P>;
  body: z.output<B>;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

function problemResponse(type: ApiProblem['type'], detail: string, extra: ApiProblem['extra'] = {}, headers: Record<string, string> = {}): Response {
  const body = problem(type, detail, extra);
  return Response.json(body, { status: body.status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...NO_STORE, ...headers } });
}

/** Parses one part of the input; only here is a ZodError the client's fault. */
function parsePart<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const detail = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' ');
  throw new ApiProblem('invalid-request', /[.!?]$/.test(detail) ? detail : `${detail}.`, { errors });
}

async function readInput<Q extends z.ZodObject, P extends z.ZodObject, B extends z.ZodType>(operation: ApiOperation<Q, P, B>, request: Request, rawBody: string, context: RouteContext): Promise<Input<Q, P, B>> {
  const query = operation.query && parsePart(operation.query, Object.fromEntries(new URL(request.url).searchParams));
  const params = operation.params && parsePart(operation.params, await context.params);
  let body: unknown;
  if (operation.body) {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new ApiProblem('invalid-request', 'The body must be JSON.');
    }
    body = parsePart(operation.body, json);
  }
  return { query, params, body } as Input<Q, P, B>;
}

/** The operation's answer, checked against its schema; null from `run` is a 404. */
async function answer<R extends z.ZodType>(operation: ApiOperation<z.ZodObject, z.ZodObject, z.ZodType, R>, result: Promise<z.input<R> | null>): Promise<Response> {
  const value = await result;
  if (value === null) return problemResponse('not-found', 'There is nothing of yours here.');
  const { status, schema } = operation.success;
  if (!schema) return new Response(null, { status, headers: NO_STORE });
  const checked = schema.safeParse(value);
  if (!checked.success) throw new Error(`${operation.operationId} answered outside its schema: ${checked.error.message}`);
  if (status === 302) return new Response(null, { status, headers: { Location: (checked.data as { location: string }).location, ...NO_STORE } });
  return Response.json(checked.data, { status, headers: NO_STORE });
}

function errorResponse(error: unknown, operationId: string): Response {
  if (error instanceof ApiProblem) return problemResponse(error.type, error.detail, error.extra, error.headers);
  if (error instanceof ApiTokenRefused) return problemResponse(error.type, error.message, {}, error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
  if (error instanceof RateLimitedError) return problemResponse('rate-limited', error.message, {}, { 'Retry-After': String(error.retryAfterSeconds) });
  if (error instanceof QuotaExceededError) return problemResponse('quota-exceeded', error.message);
  if (error instanceof UserError) return problemResponse('invalid-request', error.message);
  // Input was parsed above: a ZodError from further in is data of ours that failed its schema.
  if (error instanceof ZodError) log.error('API operation read data outside its schema', { operationId, issues: JSON.stringify(error.issues) });
  else log.error('API operation failed', { operationId, error: String(error) });
  return problemResponse('internal', 'Something went wrong on our side. Please try again.');
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function replay(kept: KeptAnswer): Response {
  return new Response(kept.body, { status: kept.status, headers: { 'Content-Type': 'application/json', [REPLAYED_HEADER]: 'true', ...NO_STORE } });
}

/** Runs the operation under the claim of an Idempotency-Key: a success is kept for the retries, anything else lets the key go. */
async function once(identity: ApiTokenIdentity, key: string, request: { operationId: string; path: string; body: string }, run: () => Promise<Response>): Promise<Response> {
  const claim = await claimIdempotencyKey(identity.userId, key, request);
  if (claim.replay) return replay(claim.replay);
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await claim.release();
    throw error;
  }
  if (!response.ok) await claim.release();
  // What was made stays made: a key that cannot be marked done is given up after its lease, and the client still gets its answer now.
  else await claim.keep({ status: response.status, body: await response.clone().text() }).catch((error: unknown) => log.error('Could not keep an idempotent answer', { operationId: request.operationId, error: String(error) }));
  return response;
}

/** The route handler of one operation; `run` answers null for something the owner does not have (404). */
export function apiRoute<Q extends z.ZodObject, P extends z.ZodObject, B extends z.ZodType, R extends z.ZodType>(
  operation: ApiOperation<Q, P, B, R>,
  run: (identity: ApiTokenIdentity, input: Input<Q, P, B>) => Promise<z.input<R> | null>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let limits: Record<string, string> = {};
    try {
      const identity = await authenticateApiToken(request.headers.get('authorization'), operation.scope);
      limits = rateLimitHeaders(await meterApiRequest(identity));
      const rawBody = operation.method === 'post' ? await request.text() : '';
      const input = await readInput(operation, request, rawBody, context);
      const key = takesIdempotencyKey(operation) ? idempotencyKeyOf(request.headers) : refuseIdempotencyKey(request.headers);
      const execute = () => answer(operation as ApiOperation<z.ZodObject, z.ZodObject, z.ZodType, R>, run(identity, input));
      const response = key ? await once(identity, key, { operationId: operation.operationId, path: new URL(request.url).pathname, body: rawBody }, execute) : await execute();
      return withHeaders(response, limits);
    } catch (error) {
      return withHeaders(errorResponse(error, operation.operationId), limits);
    }
  };
}
