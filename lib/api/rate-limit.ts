import 'zod-openapi';
import { z } from 'zod';
import type { ApiTokenIdentity } from '../api-tokens';
import { consumeRateLimit, knownRefusalUntil, secondsUntilWindowEnds, type RateLimitRule } from '../rate-limit';
import { ApiProblem } from './problems';

/*
 * The API's rate limit: each token has its own budget per minute, counted in the shared fixed-window
 * counter of lib/rate-limit (one DynamoDB item per token and window, so every instance counts the
 * same hits). Keyed by who the token proves, never by anything the request says.
 *
 * Every answer says where the token stands in three fields, `RateLimit-Limit`, `RateLimit-Remaining`
 * and `RateLimit-Reset` (seconds until the window ends), as GitHub, Okta and most gateways and client
 * libraries read them: each is a plain integer, so any client reads it without parsing structured
 * fields, and OpenAPI documents each as its own integer header. (The IETF draft's combined
 * `RateLimit`/`RateLimit-Policy` are structured fields whose syntax is still moving between drafts.)
 */

/** Requests one token may make a minute: a busy integration's steady pace, with room for a burst of uploads. */
export const API_TOKEN_RATE_LIMIT: RateLimitRule = { scope: 'api-token', limit: 1200, windowSeconds: 60 };

/** Where a token stands in the current window. */
export interface RateLimitStanding {
  limit: number;
  remaining: number;
  /** Whole seconds until the window ends and the budget is full again. */
  resetSeconds: number;
}

/** The counter's subject: the token, under its owner (token ids are unique per owner). */
export const apiRateLimitSubject = (identity: Pick<ApiTokenIdentity, 'userId' | 'tokenId'>) => `${identity.userId}/${identity.tokenId}`;

export function rateLimitHeaders(standing: RateLimitStanding): Record<string, string> {
  return { 'RateLimit-Limit': String(standing.limit), 'RateLimit-Remaining': String(standing.remaining), 'RateLimit-Reset': String(standing.resetSeconds) };
}

/** The three headers as the OpenAPI document shows them on every answer. */
export const RateLimitHeadersSchema = z.object({
  'RateLimit-Limit': z.number().int().meta({ description: 'Requests this token may make in the current window (a minute).' }),
  'RateLimit-Remaining': z.number().int().meta({ description: 'Requests left in the current window.' }),
  'RateLimit-Reset': z.number().int().meta({ description: 'Seconds until the window ends and the budget is full again.' }),
});

/**
 * Counts one request of the token and answers where it stands; an ApiProblem `rate-limited` with
 * Retry-After when its window is spent. A refusal this instance already saw is answered again
 * without a database call: a window's count only grows until it ends.
 */
export async function meterApiRequest(identity: ApiTokenIdentity, now = Date.now(), rule: RateLimitRule = API_TOKEN_RATE_LIMIT): Promise<RateLimitStanding> {
  const subject = apiRateLimitSubject(identity);
  const refusedUntil = knownRefusalUntil(rule, subject, now);
  const verdict = refusedUntil === null ? await consumeRateLimit(rule, subject, now) : null;
  const resetSeconds = secondsUntilWindowEnds(rule, now);
  if (verdict?.allowed) return { limit: rule.limit, remaining: Math.max(0, rule.limit - verdict.hits), resetSeconds };
  const headers = { ...rateLimitHeaders({ limit: rule.limit, remaining: 0, resetSeconds }), 'Retry-After': String(resetSeconds) };
  throw new ApiProblem('rate-limited', `This token has made ${rule.limit} requests this minute. Try again in ${resetSeconds} second${resetSeconds === 1 ? '' : 's'}.`, {}, headers);
}
