/** How long a connection token is accepted; a browser asks for a fresh one each time it connects. */
export const LIVE_TOKEN_TTL_SECONDS = 10 * 60;

/** How long IoT keeps a connection authorized before it asks the authorizer again (IoT allows 300–86,400). */
export const LIVE_REFRESH_AFTER_SECONDS = 300;

/** A connection lasts at most this long; the browser then reconnects with a fresh token. */
export const LIVE_DISCONNECT_AFTER_SECONDS = 24 * 60 * 60;
