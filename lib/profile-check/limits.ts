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

/** "Find faces" presses one user may make in an hour: each re-runs the face model (or bills IndexFaces) on one photo. */
export const FACE_INDEX_REQUEST_LIMIT: RateLimitRule = { scope: 'face-index-request', limit: 60, windowSeconds: 60 * 60 };

/**
 * Face searches one user may start in an hour. Clicking a face costs a read of their faces (or a
 * billed SearchFaces call); a query photo also runs the face model. Generous for a person browsing,
 * tight for a script.
 */
export const FACE_SEARCH_LIMIT: RateLimitRule = { scope: 'face-search', limit: 240, windowSeconds: 60 * 60 };
export const PHOTO_SEARCH_LIMIT: RateLimitRule = { scope: 'face-photo-search', limit: 30, windowSeconds: 60 * 60 };

/** The largest query photo a search accepts: the browser shrinks larger ones first, where it can decode them. */
export const MAX_QUERY_PHOTO_BYTES = 5 * 1024 * 1024;
