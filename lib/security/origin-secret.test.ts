import { describe, expect, it } from 'vitest';
import { cameThroughCloudFront, ORIGIN_SECRET_HEADER, originSecretOf } from './origin-secret';

describe('cameThroughCloudFront', () => {
  const secret = originSecretOf('sk_test_origin');

  it('accepts the distribution’s value and nothing else', () => {
    expect(cameThroughCloudFront(new Headers({ [ORIGIN_SECRET_HEADER]: secret }), secret)).toBe(true);
    for (const sent of ['', secret.slice(1), `${secret}x`, secret.toUpperCase(), originSecretOf('sk_test_other')]) {
      expect(cameThroughCloudFront(new Headers({ [ORIGIN_SECRET_HEADER]: sent }), secret), sent).toBe(false);
    }
    expect(cameThroughCloudFront(new Headers(), secret)).toBe(false);
  });
});

describe('originSecretOf', () => {
  it('derives a 32-byte value from the sign-in secret, a different one from each', () => {
    const secret = originSecretOf('sk_test_origin');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(originSecretOf('sk_test_origin')).toBe(secret);
    expect(originSecretOf('sk_test_other')).not.toBe(secret);
  });
});
