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

/*
 * Wrong passwords for protected links. A visitor mistyping stays far below; a guesser from one address
 * gets 10 tries a quarter of an hour, and the link itself 30 from all addresses together, so spreading
 * guesses over many addresses buys no speed. The count per link can keep the link's real visitors waiting
 * while someone guesses at it: that is the price of a cap no botnet gets around.
 */
export const LINK_PASSWORD_PER_ADDRESS: RateLimitRule = { scope: 'link-password-address', limit: 10, windowSeconds: 15 * 60 };
export const LINK_PASSWORD_PER_LINK: RateLimitRule = { scope: 'link-password-link', limit: 30, windowSeconds: 15 * 60 };

export function tooManyTries(minutes: number): string {
  return `Too many tries, wait ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
