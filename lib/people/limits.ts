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
