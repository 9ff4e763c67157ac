import type { openApiDocument } from '@/lib/api';

/*
 * The served OpenAPI document, read into what the reference page lists: every operation with its
 * scope, parameters, body and answers, and every named schema. It reads the document itself (not
 * lib/api's table of operations), so the page shows exactly what /api/v1/openapi.json says.
 */

export type ApiDocument = ReturnType<typeof openApiDocument>;

/** The part of JSON Schema (2020-12, as OpenAPI 3.1 writes it) the page shows. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export interface ReferenceParameter {
  name: string;
  in: string;
  required: boolean;
  description: string | null;
  schema: JsonSchema;
}

export interface ReferenceResponse {
  status: string;
  description: string;
  contentType: string | null;
  schema: JsonSchema | null;
  headers: { name: string; required: boolean; description: string | null; schema: JsonSchema }[];
}

export interface ReferenceOperation {
  operationId: string;
  method: string;
  path: string;
  scopes: string[];
  summary: string;
  description: string | null;
  parameters: ReferenceParameter[];
  body: { contentType: string; schema: JsonSchema } | null;
  responses: ReferenceResponse[];
}

export interface ApiReference {
  title: string;
  version: string;
  description: string | null;
  baseUrl: string;
  operations: ReferenceOperation[];
  schemas: { name: string; schema: JsonSchema }[];
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface DocumentOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }>; headers?: Record<string, { required?: boolean; description?: string; schema?: JsonSchema }> }>;
}

/** The name of a schema under components, from its `$ref`; null for a reference elsewhere. */
export function schemaName(ref: string): string | null {
  return ref.match(/^#\/components\/schemas\/(.+)$/)?.[1] ?? null;
}

/** The page's anchors: one per operation, per named schema, per problem type. */
export const anchors = {
  operation: (operationId: string) => `op-${operationId}`,
  schema: (name: string) => `schema-${name}`,
  problem: (slug: string) => `problem-${slug}`,
};

export function readReference(document: ApiDocument): ApiReference {
  const operations: ReferenceOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = (item as Record<string, DocumentOperation | undefined>)[method];
      if (!operation) continue;
      operations.push({
        operationId: operation.operationId ?? `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        scopes: (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat()),
        summary: operation.summary ?? '',
        description: operation.description ?? null,
        parameters: (operation.parameters ?? []).map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required ?? false,
          description: parameter.description ?? parameter.schema?.description ?? null,
          schema: parameter.schema ?? {},
        })),
        body: firstContent(operation.requestBody?.content),
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => {
          const content = firstContent(response.content);
          return {
            status,
            description: response.description ?? '',
            contentType: content?.contentType ?? null,
            schema: content?.schema ?? null,
            headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({ name, required: header.required ?? false, description: header.description ?? header.schema?.description ?? null, schema: header.schema ?? {} })),
          };
        }),
      });
    }
  }
  const schemas = Object.entries((document.components?.schemas ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({ name, schema }));
  return {
    title: document.info.title,
    version: document.info.version,
    description: document.info.description ?? null,
    baseUrl: document.servers?.[0]?.url ?? '/',
    operations,
    schemas,
  };
}

function firstContent(content: Record<string, { schema?: JsonSchema }> | undefined): { contentType: string; schema: JsonSchema } | null {
  const [entry] = Object.entries(content ?? {});
  return entry ? { contentType: entry[0], schema: entry[1].schema ?? {} } : null;
}

/** Limits and defaults of a schema, in words: `1–100`, `default 24`, `pattern ^[a-z]+$`. */
export function constraintsOf(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const range = (low: number | undefined, high: number | undefined, unit: string) => {
    if (low !== undefined && high !== undefined) notes.push(`${low}–${high}${unit}`);
    else if (low !== undefined) notes.push(`at least ${low}${unit}`);
    else if (high !== undefined) notes.push(`at most ${high}${unit}`);
  };
  // zod writes every integer's safe range: that is no limit worth reading.
  const bound = (value: number | undefined) => (value === undefined || Math.abs(value) >= Number.MAX_SAFE_INTEGER ? undefined : value);
  range(bound(schema.minimum), bound(schema.maximum), '');
  if (schema.exclusiveMinimum !== undefined) notes.push(`more than ${schema.exclusiveMinimum}`);
  if (schema.exclusiveMaximum !== undefined) notes.push(`less than ${schema.exclusiveMaximum}`);
  range(schema.minLength, schema.maxLength, ' characters');
  range(schema.minItems, schema.maxItems, ' items');
  // A format (date-time, uri…) says in a word what its generated pattern says in a hundred characters.
  if (schema.pattern && !schema.format) notes.push(`pattern ${schema.pattern}`);
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.example !== undefined) notes.push(`e.g. ${JSON.stringify(schema.example)}`);
  return notes;
}

/** A schema's alternatives, with `null` taken out: a nullable value is shown as the value, marked nullable. */
export function alternativesOf(schema: JsonSchema): { alternatives: JsonSchema[]; nullable: boolean } {
  const all = schema.anyOf ?? schema.oneOf ?? [];
  const alternatives = all.filter((alternative) => alternative.type !== 'null');
  const types = Array.isArray(schema.type) ? schema.type : [];
  return { alternatives, nullable: alternatives.length < all.length || types.includes('null') };
}

/** Splits a description on its `code` spans, which the page shows as code (and links, for a problem type). */
export function codeSpans(text: string): { code: boolean; text: string }[] {
  return text
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? { code: true, text: part.slice(1, -1) } : { code: false, text: part }));
}
