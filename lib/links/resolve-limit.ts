import { createHash } from 'node:crypto';
import { consumeRateLimit, knownRefusalUntil, secondsUntilWindowEnds, type RateLimitVerdict } from '../rate-limit';
import { linkResolveLimit } from './limits';

/**
 * The per-IP limit on opening links, split so that the public page keeps a single GetItem on its
 * hot path: before answering, only this instance's memory of refusals is consulted (no I/O); after
 * answering, the request is counted in DynamoDB. An address over the limit is therefore refused
 * from its next request on, on every instance that has seen the verdict, and at most one request
 * per instance slips through first. Addresses are stored hashed: the counter only needs identity.
 */

function subjectOf(ip: string): string {
  return createHash('sha256').update(ip).digest('base64url').slice(0, 22);
}

/** Seconds the address must wait, when this instance already knows it is over the limit; else null. */
export function resolveRefusal(ip: string, now = Date.now()): number | null {
  const rule = linkResolveLimit();
  return knownRefusalUntil(rule, subjectOf(ip), now) === null ? null : secondsUntilWindowEnds(rule, now);
}

/** Counts one request to open a link from the address. */
export function countResolve(ip: string, now = Date.now()): Promise<RateLimitVerdict> {
  return consumeRateLimit(linkResolveLimit(), subjectOf(ip), now);
}
