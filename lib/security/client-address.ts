/** Where a server in front of Next.js with no proxy before it (local/next-server.ts) puts the socket's address. */
export const SOCKET_ADDRESS_HEADER = 'x-headshot-socket-address';

/**
 * The address a request came from. Behind `trustedProxyHops` proxies that each append the address they
 * saw to X-Forwarded-For (CloudFront: 1), it is the entry that many places from the right: whatever a
 * client sends itself ends up further left and is never read. With no proxy (0), the header is the
 * client's own to write, so it is not read at all: the address is the socket's, which the server in
 * front writes after removing any copy a client sent.
 */
export function clientAddress(headers: { get(name: string): string | null }, trustedProxyHops: number): string {
  if (trustedProxyHops === 0) return headers.get(SOCKET_ADDRESS_HEADER)?.trim() || 'unknown';
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.at(-trustedProxyHops) ?? 'unknown';
}
