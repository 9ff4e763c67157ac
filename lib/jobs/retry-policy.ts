/**
 * How many times a job's message is delivered before it goes to the dead-letter queue. SQS's
 * redrive policy (maxReceiveCount, in infra/) and the local cloud's event bridge both use this number.
 */
export const MAX_DELIVERY_ATTEMPTS = 3;

/**
 * How long a job may stay queued, its trigger stored but no run ever taking it, before the sweep gives
 * it up. Its event is announced again meanwhile, less often as it ages (a long backlog in the queue
 * looks the same as a lost event, and announcing it again only costs a duplicate).
 */
export const MAX_QUEUED_MS = 24 * 60 * 60 * 1000;

/**
 * The sweep announces a job that stays overdue again after a quarter of its age: a job an hour old
 * every 15 minutes, one a minute old every 15 s. A job that waits out the whole day is announced some
 * fifty times, each a cheap duplicate, while one whose event a crash lost is announced again within a
 * quarter of its age.
 */
export const ANNOUNCEMENT_AGE_DIVISOR = 4;

/** The longest the sweep waits between two announcements of a job that stays queued. */
export const MAX_ANNOUNCEMENT_INTERVAL_MS = 60 * 60 * 1000;

/**
 * After its upload URL has expired, how long a photo may still be arriving (a PUT that started in
 * time and is still streaming) before the sweep says it never will.
 */
export const ARRIVAL_GRACE_MS = 5 * 60 * 1000;
