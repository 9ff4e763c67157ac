/**
 * The address a request came from, for the per-IP limit. The right-most X-Forwarded-For entry is
 * the one added by the nearest proxy (CloudFront on AWS; `next start` itself sets the socket's
 * address when there is none), so a client cannot choose it by sending the header: whatever it
 * sends ends up further left. Only a server exposed with no proxy in front trusts the client here.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || 'unknown';
}
