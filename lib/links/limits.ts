import { requestSettings } from '../config';
import type { RateLimitRule } from '../rate-limit';

/** More links than anyone shares by hand in an hour; a script making them hits this. */
export const LINK_CREATE_LIMIT: RateLimitRule = { scope: 'link-create', limit: 30, windowSeconds: 60 * 60 };

/**
 * Two page views a second from one address, sustained for a minute, is far above a person (or an
 * office behind one NAT) opening links, and far below what guessing codes would need.
 */
const DEFAULT_RESOLVE_LIMIT_PER_MINUTE = 120;

let resolveLimit: RateLimitRule | undefined;

/**
 * The per-address limit on resolving links. LINK_RESOLVE_LIMIT_PER_MINUTE overrides it, for a site
 * whose visitors share few addresses, and for load tests from one machine.
 */
export function linkResolveLimit(): RateLimitRule {
  resolveLimit ??= { scope: 'link-resolve', limit: requestSettings().linkResolveLimitPerMinute ?? DEFAULT_RESOLVE_LIMIT_PER_MINUTE, windowSeconds: 60 };
  return resolveLimit;
}
