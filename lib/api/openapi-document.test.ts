import { describe, expect, it } from 'vitest';
import { idempotencyKeyOf } from './idempotency';
import { openApiDocument } from './openapi-document';
import { ApiProblem } from './problems';

type Operation = { parameters?: { in: string; name: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> };

const operations = () =>
  Object.entries(openApiDocument().paths ?? {}).flatMap(([path, methods]) => Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({ path, method, operation })));

describe('the OpenAPI document', () => {
  it('offers Idempotency-Key on every POST but the one whose answer holds a secret shown once, and on nothing else', () => {
    for (const { path, method, operation } of operations()) {
      const offered = (operation.parameters ?? []).some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key');
      expect(offered, `${method} ${path}`).toBe(method === 'post' && path !== '/webhooks');
    }
  });

  it('documents RateLimit-* on every answer but a refused token’s, and Retry-After on 429', () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const headers = Object.keys(response.headers ?? {});
        if (status === '401' || status === '403') expect(headers, `${method} ${path} ${status}`).toEqual([]);
        else expect(headers, `${method} ${path} ${status}`).toEqual(expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', ...(status === '429' ? ['Retry-After'] : [])]));
      }
    }
  });
});

describe('Idempotency-Key', () => {
  it('takes 1 to 255 visible ASCII characters, and refuses anything else as the client’s error', () => {
    const key = (value: string | null) => idempotencyKeyOf(new Headers(value === null ? {} : { 'idempotency-key': value }));
    expect(key(null)).toBeNull();
    expect(key('5f0c6d1e-8b3a-4a43-9a77-2f1e0c9d4b12')).toBe('5f0c6d1e-8b3a-4a43-9a77-2f1e0c9d4b12');
    expect(key('~'.repeat(255))).toHaveLength(255);
    for (const bad of ['', 'x'.repeat(256), 'with space', 'clé']) expect(() => key(bad), JSON.stringify(bad)).toThrow(ApiProblem);
  });
});
