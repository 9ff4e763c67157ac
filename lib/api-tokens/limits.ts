/** Tokens a user may hold at once: enough for a few integrations and environments, few enough to review. */
export const MAX_API_TOKENS = 10;

/** How long an expired token stays listed, as expired, before the table's TTL takes it. */
export const EXPIRED_TOKEN_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Last use is kept to this resolution: at most one write a minute per token, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60 * 1000;

/** The lifetimes offered when a token is made, in days; null is "no expiry". */
export const API_TOKEN_LIFETIMES_DAYS = [7, 30, 90, 365] as const;
