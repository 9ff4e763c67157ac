/**
 * How long a connection token is accepted, unless the LIVE_TOKEN_TTL_SECONDS setting (lib/config.ts)
 * says otherwise, and so how long the connection it opens lasts: a closed account or an ended session
 * keeps hearing its events this long at most. A browser asks for a fresh token each time it connects.
 */
export const DEFAULT_LIVE_TOKEN_TTL_SECONDS = 10 * 60;

/** How long IoT keeps a connection authorized before it asks the authorizer again (at most; IoT allows 300–86,400). */
export const LIVE_REFRESH_AFTER_SECONDS = 300;

/** The connection lifetimes AWS IoT accepts from a custom authorizer (disconnectAfterInSeconds). */
export const IOT_MIN_CONNECTION_SECONDS = 300;
export const IOT_MAX_CONNECTION_SECONDS = 24 * 60 * 60;
