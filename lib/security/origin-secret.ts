import { createHash, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../config';

/*
 * How the site knows a request came through its own CloudFront distribution: the distribution's
 * viewer-request function sets this header to a value only the distribution and the server function
 * hold (infra/web.ts), overwriting whatever a client sent. The server function's URL is public, so
 * anything without the value was sent to it directly and is refused (docs/security.md says why this and
 * not Origin Access Control).
 */

/** The header CloudFront adds to every request for the site. */
export const ORIGIN_SECRET_HEADER = 'x-headshot-origin-secret';

/**
 * The value, derived from the sign-in secret at deploy time as the other deploy-time keys are: no
 * further secret to set, and a new sign-in secret gives a new value on the next deploy.
 */
export function originSecretOf(signInSecret: string): string {
  return deriveKey(signInSecret, 'cloudfront-origin').toString('base64url');
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether the request carries the distribution's value. Compared in constant time, over digests of
 * equal length, so neither the value nor its length leaks through how long a refusal takes.
 */
export function cameThroughCloudFront(headers: { get(name: string): string | null }, originSecret: string): boolean {
  const sent = headers.get(ORIGIN_SECRET_HEADER);
  return sent !== null && timingSafeEqual(digest(sent), digest(originSecret));
}
