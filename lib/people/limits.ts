import type { RateLimitRule } from '../rate-limit';

/**
 * Faces that must look alike before they become a person: a face seen once is a passer-by until it
 * turns up again. 2 is the least that is still a group; Immich's default is 3, for libraries of
 * thousands of photos of crowds, where ours are mostly portraits of a few people. Faces of one
 * person that stay below it are still found by clicking them.
 */
export const MIN_FACES_PER_PERSON = 2;

/** The closest matches that grouping looks at for a new face: enough to find its person, bounded for someone in every photo. */
export const GROUPING_MATCH_LIMIT = 50;

/** How long a run may group a user's faces before another may take over: grouping one photo takes well under a second. */
export const GROUPING_LEASE_MS = 60_000;

/** How long a run waits for another run's grouping of the same user before it fails and is retried. */
export const GROUPING_WAIT_MS = 30_000;

/** Photos a person's page shows at a time. */
export const PERSON_PAGE_SIZE = 60;

/** Longest name a person may be given. */
export const MAX_PERSON_NAME_LENGTH = 80;

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
