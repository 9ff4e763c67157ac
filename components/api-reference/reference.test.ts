import { describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '@/lib/api/operations';
import { openApiDocument } from '@/lib/api/openapi-document';
import { alternativesOf, codeSpans, constraintsOf, readReference, schemaName } from './reference';

describe('readReference', () => {
  const reference = readReference(openApiDocument());

  it('lists every operation of the contract, with its method, path, scope and summary', () => {
    const listed = reference.operations.map(({ operationId, method, path, scopes, summary }) => ({ operationId, method, path, scopes, summary }));
    const contract = Object.values(API_OPERATIONS).map(({ operationId, method, path, scope, summary }) => ({ operationId, method: method.toUpperCase(), path, scopes: [scope], summary }));
    expect(listed).toEqual(expect.arrayContaining(contract));
    expect(listed).toHaveLength(contract.length);
  });

  it('reads parameters, bodies, answers and their headers as the document gives them', () => {
    const file = reference.operations.find(({ operationId }) => operationId === 'getImageFile')!;
    expect(file.parameters.map(({ name, in: where, required }) => `${where} ${name} ${required}`).sort()).toEqual(['path id true', 'query format false', 'query size true']);
    const redirect = file.responses.find(({ status }) => status === '302')!;
    expect(redirect.schema).toBeNull();
    expect(redirect.headers).toContainEqual({ name: 'Location', required: true, description: null, schema: { type: 'string', format: 'uri' } });
    expect(file.responses.find(({ status }) => status === '404')).toMatchObject({ contentType: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } });

    const upload = reference.operations.find(({ operationId }) => operationId === 'createUpload')!;
    expect(upload.body).toEqual({ contentType: 'application/json', schema: { $ref: '#/components/schemas/UploadRequest' } });
    expect(reference.schemas.map(({ name }) => name)).toEqual(expect.arrayContaining(['Image', 'ImageSize', 'Problem', 'UploadRequest', 'Upload']));
    expect(reference.baseUrl).toBe('/api/v1');
  });
});

describe('schema helpers', () => {
  it('names a component reference, and nothing else', () => {
    expect([schemaName('#/components/schemas/Image'), schemaName('https://example.com/x.json')]).toEqual(['Image', null]);
  });

  it('says the limits worth reading, and leaves out what zod writes for every integer and every format', () => {
    expect(constraintsOf({ type: 'integer', minimum: 1, maximum: 100, default: 24 })).toEqual(['1–100', 'default 24']);
    expect(constraintsOf({ type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER })).toEqual([]);
    expect(constraintsOf({ type: 'string', format: 'date-time', pattern: '^\\d{4}-…$' })).toEqual([]);
    expect(constraintsOf({ type: 'string', pattern: '^w\\d+$', example: 'w640' })).toEqual(['pattern ^w\\d+$', 'e.g. "w640"']);
  });

  it('shows a nullable value as the value, marked nullable', () => {
    expect(alternativesOf({ anyOf: [{ type: 'integer' }, { type: 'null' }] })).toEqual({ alternatives: [{ type: 'integer' }], nullable: true });
    expect(alternativesOf({ type: ['string', 'null'] })).toEqual({ alternatives: [], nullable: true });
  });

  it('splits a description on its code spans', () => {
    expect(codeSpans('`not-found`: Not found. Use `w640`')).toEqual([
      { code: true, text: 'not-found' },
      { code: false, text: ': Not found. Use ' },
      { code: true, text: 'w640' },
    ]);
  });
});
