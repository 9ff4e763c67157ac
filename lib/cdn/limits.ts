/**
 * Paths in one CreateInvalidation. CloudFront takes up to 3,000 file paths in progress per
 * distribution at once (and only 15 wildcard paths): a third of that per request leaves room for
 * others under way, say a revoke beside an account's deletion.
 */
export const MAX_PATHS_PER_INVALIDATION = 1000;
