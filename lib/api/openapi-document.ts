import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { API_OPERATIONS, type ApiOperation } from './operations';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, ProblemSchema, type ProblemType } from './problems';

/** Every operation may answer these: the token's problems and rate limiting. */
const EVERY_OPERATION: ProblemType[] = ['missing-token', 'invalid-token', 'expired-token', 'account-closed', 'insufficient-scope', 'rate-limited'];

function responsesOf(op: ApiOperation): ZodOpenApiOperationObject['responses'] {
  const byStatus = new Map<number, ProblemType[]>();
  for (const type of [...op.problems, ...EVERY_OPERATION]) byStatus.set(PROBLEM_TYPES[type].status, [...(byStatus.get(PROBLEM_TYPES[type].status) ?? []), type]);
  const problems = Object.fromEntries(
    [...byStatus].map(([status, types]) => [
      String(status),
      { description: types.map((type) => `\`${type}\`: ${PROBLEM_TYPES[type].title}.`).join(' '), content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } },
    ]),
  );
  const { status, description, schema } = op.success;
  const success =
    status === 302
      ? { description, headers: { Location: { required: true, schema: { type: 'string' as const, format: 'uri' } } } }
      : schema
        ? { description, content: { 'application/json': { schema } } }
        : { description };
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
        requestParams: { ...(op.query ? { query: op.query } : {}), ...(op.params ? { path: op.params } : {}) },
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
