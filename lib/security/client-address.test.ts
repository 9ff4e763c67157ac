import { describe, expect, it } from 'vitest';
import { addressLimitGroup, clientAddress, clientCountry, SOCKET_ADDRESS_HEADER, viewerAddress } from './client-address';
import { ORIGIN_SECRET_HEADER } from './origin-secret';

const headers = (values: Record<string, string>) => new Headers(values);
const hops = (trustedProxyHops: number) => ({ trustedProxyHops, cloudFrontOriginSecret: undefined });

const SECRET = 'the-distribution-s-origin-secret-value';
const behindCloudFront = { trustedProxyHops: 0, cloudFrontOriginSecret: SECRET };
/** A request as CloudFront sends it on: the origin secret, the viewer's address, and its own entry appended to X-Forwarded-For. */
const viaCloudFront = (viewer: string, forwardedFor = '') =>
  headers({ [ORIGIN_SECRET_HEADER]: SECRET, 'cloudfront-viewer-address': viewer, 'x-forwarded-for': forwardedFor });

describe('clientAddress behind CloudFront', () => {
  it('takes the IPv4 viewer address without its port', () => {
    expect(clientAddress(viaCloudFront('203.0.113.7:46532'), behindCloudFront)).toBe('203.0.113.7');
  });

  it('takes an IPv6 viewer address without its port, bracketed or as CloudFront writes it', () => {
    expect(clientAddress(viaCloudFront('[2001:db8::1]:46532'), behindCloudFront)).toBe('2001:db8::1');
    expect(clientAddress(viaCloudFront('2001:db8:0:0:0:0:0:1:46532'), behindCloudFront)).toBe('2001:db8::1');
    // A four-digit port reads as a group of the address too: the last one is always the port.
    expect(clientAddress(viaCloudFront('2001:db8::1:8080'), behindCloudFront)).toBe('2001:db8::1');
  });

  it('ignores X-Forwarded-For entirely, whatever the client forged in it', () => {
    const honest = clientAddress(viaCloudFront('203.0.113.7:1', '203.0.113.7'), behindCloudFront);
    for (const forged of ['198.51.100.1', '198.51.100.1, 203.0.113.7', '10.0.0.1, 198.51.100.1, 192.0.2.9']) {
      expect(clientAddress(viaCloudFront('203.0.113.7:1', forged), behindCloudFront), forged).toBe(honest);
    }
  });

  it('trusts no address on a request that lacks the origin secret, or carries a wrong one', () => {
    const direct = headers({ 'cloudfront-viewer-address': '198.51.100.1:1', 'x-forwarded-for': '198.51.100.1' });
    expect(clientAddress(direct, behindCloudFront)).toBe('unknown');
    const wrong = headers({ [ORIGIN_SECRET_HEADER]: `${SECRET}x`, 'cloudfront-viewer-address': '198.51.100.1:1' });
    expect(clientAddress(wrong, behindCloudFront)).toBe('unknown');
  });

  it('answers "unknown" when the viewer address is missing or is not an address and a port', () => {
    expect(clientAddress(headers({ [ORIGIN_SECRET_HEADER]: SECRET, 'x-forwarded-for': '203.0.113.7' }), behindCloudFront)).toBe('unknown');
    for (const value of ['203.0.113.7', 'nonsense:80', '1:80', '203.0.113.7:port']) expect(clientAddress(viaCloudFront(value), behindCloudFront), value).toBe('unknown');
  });
});

describe('clientAddress without CloudFront', () => {
  it('behind one proxy takes the address it appended, whatever the client sent', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.7' }), hops(1))).toBe('203.0.113.7');
    expect(clientAddress(headers({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 203.0.113.7' }), hops(1))).toBe('203.0.113.7');
  });

  it('behind two proxies takes the second from the right', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': 'spoofed, 203.0.113.7, 10.0.0.2' }), hops(2))).toBe('203.0.113.7');
  });

  it('with no proxy ignores X-Forwarded-For and CloudFront-Viewer-Address, and uses the socket address', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '9.9.9.9', 'cloudfront-viewer-address': '9.9.9.9:1', [SOCKET_ADDRESS_HEADER]: '127.0.0.1' }), hops(0))).toBe('127.0.0.1');
    expect(clientAddress(headers({ 'x-forwarded-for': '9.9.9.9' }), hops(0))).toBe('unknown');
  });

  it('answers "unknown" when the trusted entry is missing', () => {
    expect(clientAddress(headers({}), hops(1))).toBe('unknown');
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.7' }), hops(2))).toBe('unknown');
  });
});

describe('viewerAddress', () => {
  it('reads an IPv4 client seen over IPv6 as its IPv4 address', () => {
    expect(viewerAddress('[::ffff:203.0.113.7]:443')).toBe('203.0.113.7');
  });
});

describe('addressLimitGroup', () => {
  it('groups IPv6 addresses by their /64', () => {
    const group = addressLimitGroup('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(group).toBe('2001:db8:1:2::/64');
    expect(addressLimitGroup('2001:db8:1:2::1')).toBe(group);
    expect(addressLimitGroup('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(group);
    expect(addressLimitGroup('2001:db8:1:3::1')).not.toBe(group);
  });

  it('counts an IPv4 address as itself, also when written as IPv4-mapped IPv6', () => {
    expect(addressLimitGroup('203.0.113.7')).toBe('203.0.113.7');
    expect(addressLimitGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressLimitGroup('203.0.113.8')).not.toBe(addressLimitGroup('203.0.113.7'));
  });

  it('leaves what is not an address as it is', () => {
    expect(addressLimitGroup('unknown')).toBe('unknown');
    expect(addressLimitGroup('1')).toBe('1');
  });
});

describe('clientCountry', () => {
  it("takes CloudFront's viewer country only on a request that came through the distribution", () => {
    expect(clientCountry(headers({ [ORIGIN_SECRET_HEADER]: SECRET, 'cloudfront-viewer-country': 'DE' }), behindCloudFront)).toBe('DE');
    expect(clientCountry(headers({ [ORIGIN_SECRET_HEADER]: 'forged', 'cloudfront-viewer-country': 'DE' }), behindCloudFront)).toBeNull();
    expect(clientCountry(headers({ 'cloudfront-viewer-country': 'DE' }), behindCloudFront)).toBeNull();
    // With no CloudFront in front (locally), whatever a client sends is not read.
    expect(clientCountry(headers({ 'cloudfront-viewer-country': 'DE' }), hops(0))).toBeNull();
  });
});
