import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { IdempotencyHeadersSchema } from './idempotency';
import { API_OPERATIONS, takesIdempotencyKey, type ApiOperation } from './operations';
import { RateLimitHeadersSchema } from './rate-limit';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, ProblemSchema, type ProblemType } from './problems';

/** Every operation may answer these: the token's problems and rate limiting. */
const EVERY_OPERATION: ProblemType[] = ['missing-token', 'invalid-token', 'expired-token', 'account-closed', 'insufficient-scope', 'rate-limited'];

const RetryAfterHeadersSchema = RateLimitHeadersSchema.extend({ 'Retry-After': z.number().int().meta({ description: 'Seconds to wait before trying again.' }) });
const ReplayedHeadersSchema = RateLimitHeadersSchema.extend({
  'Idempotent-Replayed': z.literal('true').optional().meta({ description: 'On the first answer given again to a retry with the same `Idempotency-Key`.' }),
});

function responsesOf(op: ApiOperation): ZodOpenApiOperationObject['responses'] {
  const byStatus = new Map<number, ProblemType[]>();
  for (const type of [...op.problems, ...EVERY_OPERATION]) byStatus.set(PROBLEM_TYPES[type].status, [...(byStatus.get(PROBLEM_TYPES[type].status) ?? []), type]);
  const problems = Object.fromEntries(
    [...byStatus].map(([status, types]) => [
      String(status),
      {
        description: types.map((type) => `\`${type}\`: ${PROBLEM_TYPES[type].title}.`).join(' '),
        // A refused token (401, 403) has no budget to tell of; every other answer tells where the token stands.
        ...(status === 401 || status === 403 ? {} : { headers: status === 429 ? RetryAfterHeadersSchema : RateLimitHeadersSchema }),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
      },
    ]),
  );
  const { status, description, schema } = op.success;
  const headers = takesIdempotencyKey(op) ? ReplayedHeadersSchema : RateLimitHeadersSchema;
  const success =
    status === 302
      ? { description, headers: RateLimitHeadersSchema.extend({ Location: z.url() }) }
      : schema
        ? { description, headers, content: { 'application/json': { schema } } }
        : { description, headers };
  return { [String(status)]: success, ...problems };
}

/** The OpenAPI 3.1 document of /api/v1, built from the operations' own schemas. */
export function openApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of Object.values(API_OPERATIONS) as ApiOperation[]) {
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        operationId: op.operationId,
        summary: op.summary,
        security: [{ token: [op.scope] }],
        description: `Needs a token with the \`${op.scope}\` scope.`,
        requestParams: { ...(op.query ? { query: op.query } : {}), ...(op.params ? { path: op.params } : {}), ...(takesIdempotencyKey(op) ? { header: IdempotencyHeadersSchema } : {}) },
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
        responses: responsesOf(op),
      } satisfies ZodOpenApiOperationObject,
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Headshot API',
      version: '1.0.0',
      description: 'Upload photos, fetch every size, run the LinkedIn check and share, with a personal API token (Settings → API tokens).',
    },
    servers: [{ url: '/api/v1' }],
    components: { securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'A personal API token: `hst_…`.' } } },
    paths,
  });
}
