import type { RateLimitRule } from '../rate-limit';

/**
 * LinkedIn checks one user may ask for in an hour. Each is a billed Rekognition call on AWS, and they
 * share one queue whose five slots every user shares (infra/limits.ts ANALYZE_PROFILE_MAX_CONCURRENCY).
 */
export const ANALYSIS_REQUEST_LIMIT: RateLimitRule = { scope: 'analysis-request', limit: 30, windowSeconds: 60 * 60 };

/**
 * Checks of one user queued or running at once. With five queue slots shared by everyone, a user with
 * a backlog of a hundred would hold everyone else's checks behind theirs; three keeps each user's share
 * small while a person looking at their photos one by one never waits on it.
 */
export const MAX_ANALYSES_IN_FLIGHT = 3;
