import { describe, expect, it } from 'vitest';
import { clientAddress, SOCKET_ADDRESS_HEADER } from './client-address';

const headers = (values: Record<string, string>) => new Headers(values);

describe('clientAddress', () => {
  it('behind CloudFront (1 hop) takes the address CloudFront appended, whatever the client sent', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.7' }), 1)).toBe('203.0.113.7');
    expect(clientAddress(headers({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 203.0.113.7' }), 1)).toBe('203.0.113.7');
  });

  it('behind two proxies takes the second from the right', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': 'spoofed, 203.0.113.7, 10.0.0.2' }), 2)).toBe('203.0.113.7');
  });

  it('with no proxy ignores X-Forwarded-For entirely and uses the socket address', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '9.9.9.9', [SOCKET_ADDRESS_HEADER]: '127.0.0.1' }), 0)).toBe('127.0.0.1');
    expect(clientAddress(headers({ 'x-forwarded-for': '9.9.9.9' }), 0)).toBe('unknown');
  });

  it('answers "unknown" when the trusted entry is missing', () => {
    expect(clientAddress(headers({}), 1)).toBe('unknown');
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.7' }), 2)).toBe('unknown');
  });
});
