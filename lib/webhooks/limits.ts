/** Endpoints a user may have at once: one per integration and environment, few enough to review. */
export const MAX_WEBHOOK_ENDPOINTS = 5;

/**
 * Deliveries in a row given up on (each after every attempt the runner makes) before an endpoint is
 * disabled and its owner told. Counted, not timed: a receiver that is down for a weekend while
 * nothing happens is not disabled, one that refuses five events in an hour is.
 */
export const DISABLE_AFTER_FAILED_DELIVERIES = 5;

/** How long one attempt may take, connection included: a receiver should answer first and work after. */
export const DELIVERY_TIMEOUT_MS = 5000;

/** What is read of a receiver's answer before the connection is dropped: it is only ever logged. */
export const RESPONSE_CAP_BYTES = 64 * 1024;
