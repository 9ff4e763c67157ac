import ipaddr from 'ipaddr.js';
import { cameThroughCloudFront } from './origin-secret';

/** Where a server in front of Next.js with no proxy before it (local/next-server.ts) puts the socket's address. */
export const SOCKET_ADDRESS_HEADER = 'x-headshot-socket-address';

/** Where CloudFront puts the viewer's address and source port (its origin request policy forwards it). */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

/** Where CloudFront puts the viewer's country, as an ISO 3166-1 alpha-2 code. */
export const VIEWER_COUNTRY_HEADER = 'cloudfront-viewer-country';

/** The address of a request whose address cannot be trusted or read. */
export const UNKNOWN_ADDRESS = 'unknown';

/** What decides where the address is read: requestSettings() in lib/config.ts. */
export interface AddressSource {
  trustedProxyHops: number;
  cloudFrontOriginSecret: string | undefined;
}

/**
 * The address a request came from.
 *
 * Behind CloudFront (the origin secret is set), it is CloudFront-Viewer-Address, and only on a
 * request that carries the distribution's value: CloudFront writes that header itself, while
 * X-Forwarded-For keeps whatever the client put before CloudFront's entry, so it is not read at all.
 * A request without the value is refused by the proxy before anything runs; should one get here, it
 * counts as "unknown", never as the address it claims.
 *
 * Otherwise, behind `trustedProxyHops` proxies that each append the address they saw to
 * X-Forwarded-For, it is the entry that many places from the right: whatever a client sends itself
 * ends up further left and is never read. With no proxy (0), the header is the client's own to write,
 * so it is not read at all: the address is the socket's, which the server in front writes after
 * removing any copy a client sent.
 */
export function clientAddress(headers: { get(name: string): string | null }, source: AddressSource): string {
  if (source.cloudFrontOriginSecret !== undefined) {
    if (!cameThroughCloudFront(headers, source.cloudFrontOriginSecret)) return UNKNOWN_ADDRESS;
    return viewerAddress(headers.get(VIEWER_ADDRESS_HEADER)) ?? UNKNOWN_ADDRESS;
  }
  if (source.trustedProxyHops === 0) return headers.get(SOCKET_ADDRESS_HEADER)?.trim() || UNKNOWN_ADDRESS;
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.at(-source.trustedProxyHops) ?? UNKNOWN_ADDRESS;
}

/**
 * The country CloudFront says a request came from: read, like the address, only behind CloudFront and
 * on a request that carries the distribution's value, since anyone can send the header itself. Null
 * otherwise (locally, there is no CloudFront to say).
 */
export function clientCountry(headers: { get(name: string): string | null }, source: AddressSource): string | null {
  if (source.cloudFrontOriginSecret === undefined || !cameThroughCloudFront(headers, source.cloudFrontOriginSecret)) return null;
  return headers.get(VIEWER_COUNTRY_HEADER);
}

/** An IP address as ipaddr.js reads it: IPv4 in its four-part decimal form only, so "1" or "0x7f.1" are not addresses. */
function parsedAddress(value: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.IPv4.isValidFourPartDecimal(value) && !ipaddr.IPv6.isValid(value)) return null;
  // An IPv4 client seen over IPv6 (::ffff:203.0.113.7) is that IPv4 address.
  return ipaddr.process(value);
}

/**
 * The address in a CloudFront-Viewer-Address value, without the source port that always ends it:
 * `203.0.113.7:46532`, or for IPv6 `2001:db8::1:46532` (as CloudFront writes it) or
 * `[2001:db8::1]:46532`. Null when the value is not an address and a port.
 */
export function viewerAddress(value: string | null): string | null {
  const match = /^\[?([^\]]+?)\]?:\d{1,5}$/.exec(value?.trim() ?? '');
  const address = match && parsedAddress(match[1]!);
  return address ? address.toString() : null;
}

/**
 * What a per-address limit counts an address as. One IPv6 subscriber is usually given a whole /64
 * and can pick any address in it, so an IPv6 address counts as its /64 (`2001:db8:1:2::/64`); an IPv4
 * address counts as itself. Anything else ("unknown") is itself.
 */
export function addressLimitGroup(address: string): string {
  const parsed = parsedAddress(address);
  if (!parsed) return address;
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}
