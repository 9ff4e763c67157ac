import { describe, expect, it } from 'vitest';
import { ORIGIN_SECRET_HEADER } from '@/lib/security/origin-secret';
import { refusalOfDirectRequest } from './origin-lock';

describe('refusalOfDirectRequest', () => {
  const secret = 'x'.repeat(43);

  it('behind CloudFront refuses a request without the origin secret with a 403 and a sentence', async () => {
    const attempts: Record<string, string>[] = [{}, { [ORIGIN_SECRET_HEADER]: 'guessed' }, { 'x-forwarded-for': '203.0.113.7', 'cloudfront-viewer-address': '203.0.113.7:1' }];
    for (const headers of attempts) {
      const refusal = refusalOfDirectRequest(new Headers(headers), secret);
      expect(refusal?.status).toBe(403);
      expect(refusal?.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await refusal?.text()).toBe('This server answers only requests made through the site’s own address.\n');
    }
  });

  it('lets through a request that carries it', () => {
    expect(refusalOfDirectRequest(new Headers({ [ORIGIN_SECRET_HEADER]: secret }), secret)).toBeNull();
  });

  it('refuses nothing where no CloudFront is in front (no origin secret set)', () => {
    expect(refusalOfDirectRequest(new Headers(), undefined)).toBeNull();
  });
});
