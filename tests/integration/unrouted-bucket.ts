/**
 * A bucket the event bridge does not watch: tests that must decide exactly when, how often and
 * with which faults an event is delivered put originals here and call the handler themselves.
 */
export const UNROUTED_BUCKET = 'headshot-test-unrouted';
