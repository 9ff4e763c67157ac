import { consumeRateLimit, currentWindow, hashedSubject, knownRefusalUntil, secondsUntilWindowEnds, type RateLimitVerdict } from '../rate-limit';
import { coalesceAdds } from './coalesce-adds';
import { linkResolveLimit } from './limits';

/**
 * The per-IP limit on opening links, split so that the public page keeps a single GetItem on its
 * hot path: before answering, only this instance's memory of refusals is consulted (no I/O); after
 * answering, the request is counted in DynamoDB. An address over the limit is therefore refused
 * from its next request on, on every instance that has seen the verdict, and at most one request
 * per instance slips through first. Addresses are stored as keyed hashes: the counter only needs identity.
 * Hits from one address in one window that arrive while its counter is being written are added
 * together in the next write (see coalesceAdds).
 */

function subjectOf(address: string): string {
  return hashedSubject('address', address);
}

/** Seconds the address must wait, when this instance already knows it is over the limit; else null. */
export function resolveRefusal(ip: string, now = Date.now()): number | null {
  const rule = linkResolveLimit();
  return knownRefusalUntil(rule, subjectOf(ip), now) === null ? null : secondsUntilWindowEnds(rule, now);
}

const addHits = coalesceAdds(
  ({ subject, now }: { subject: string; now: number }) => `${subject}@${currentWindow(linkResolveLimit(), now).start}`,
  ({ subject, now }, { hits = 0 }) => consumeRateLimit(linkResolveLimit(), subject, now, hits),
);

/** Counts one request to open a link from the address. */
export function countResolve(ip: string, now = Date.now()): Promise<RateLimitVerdict> {
  return addHits({ subject: subjectOf(ip), now }, { hits: 1 });
}
