import 'zod-openapi';
import { z } from 'zod';

/**
 * The API's errors, as RFC 9457 problem documents. `type` is stable: clients branch on it, never on
 * the wording of `detail`. Each type has one status.
 */
export const PROBLEM_TYPES = {
  'invalid-request': { status: 400, title: 'The request is not valid' },
  'missing-token': { status: 401, title: 'An API token is needed' },
  'invalid-token': { status: 401, title: 'The API token is not valid' },
  'expired-token': { status: 401, title: 'The API token has expired' },
  'account-closed': { status: 403, title: 'The account has been deleted' },
  'insufficient-scope': { status: 403, title: 'The API token lacks the scope this needs' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'quota-exceeded': { status: 409, title: 'The account’s storage is full' },
  'idempotency-key-in-use': { status: 409, title: 'A request with this Idempotency-Key is still running' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used for another request' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Something went wrong on our side' },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Where a type is described; a reference relative to the API, which RFC 9457 allows. */
export const problemTypeUri = (type: ProblemType) => `/api/v1/problems/${type}`;

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: 'Stable: `/api/v1/problems/<slug>`; see the API docs for every slug.', example: problemTypeUri('not-found') }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: 'What went wrong with this request, in a sentence for a person.' }),
    /** For invalid-request: what was wrong with which field. */
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

export function problem(type: ProblemType, detail: string, extra: Pick<Problem, 'errors'> = {}): Problem {
  const { status, title } = PROBLEM_TYPES[type];
  return { type: problemTypeUri(type), title, status, detail, ...extra };
}

/**
 * A refusal that lib/api decides and the route answers as it is: the problem's type, its sentence,
 * what was wrong with which field, and the headers it needs (Retry-After).
 */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly extra: Pick<Problem, 'errors'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}
