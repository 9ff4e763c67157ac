import { cameThroughCloudFront } from '@/lib/security/origin-secret';

/**
 * Behind CloudFront, the answer to a request sent to the server function's URL directly, without the
 * value the distribution adds: a 403 with a sentence, before any page, route or session is read.
 * Null for a request that came through the distribution, and wherever there is no CloudFront in front
 * (the local cloud, self-hosting): there the origin secret (requestSettings) is not set.
 */
export function refusalOfDirectRequest(headers: Headers, originSecret: string | undefined): Response | null {
  if (originSecret === undefined || cameThroughCloudFront(headers, originSecret)) return null;
  return new Response('This server answers only requests made through the site’s own address.\n', {
    status: 403,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
