export type { RateLimitRule } from './rules';
export { consumeRateLimit, type RateLimitVerdict } from './consume-rate-limit';
export { knownRefusalUntil } from './recent-refusals';
export { currentWindow, secondsUntilWindowEnds } from './window';
export { RateLimitedError } from './rate-limited-error';
export { enforceRateLimit, inMinutes } from './enforce-rate-limit';
export { hashedSubject } from './subject';
export { refundRateLimit } from './refund-rate-limit';
export { backoffDelaySeconds, claimBackoffAttempt, refundBackoffAttempt, type BackoffClaim, type BackoffRule } from './backoff';
